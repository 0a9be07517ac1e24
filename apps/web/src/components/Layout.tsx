import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { api, call } from '../api/client';
import { session } from '../api/session';
import { hasRole, useCurrentUser } from '../auth/auth';
import { tenantLabel, useTenant } from '../auth/tenant';
import { ROLE_LABELS } from '../lib/labels';
import { useUnreadCount } from '../pages/NotificationsPage';
import { navigationFor } from '../routes';
import { HeaderSearch } from './HeaderSearch';

export function Layout() {
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const location = useLocation();
  const logout = useMutation({
    mutationFn: () => call(api.POST('/api/v1/auth/logout')),
    onSettled: () => {
      session.end('logout');
      queryClient.clear();
    },
  });
  const tenant = useTenant(me);
  const nav = navigationFor(me);
  const unread = useUnreadCount();
  const count = unread.data ?? 0;
  // Below tablet width the navigation and the account links fold behind one "Menü" button.
  // It is open for the page it was opened on: following a link closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const menuOpen = openOn === location.pathname;
  return (
    <div className="ff-app">
      <a className="ff-skip-link kern-link" href="#inhalt">
        Zum Inhalt springen
      </a>
      <div className="kern-kopfzeile">
        <div className="kern-container">
          <div className="kern-kopfzeile__content">
            <span className="kern-kopfzeile__flagge" aria-hidden="true" />
            <span className="kern-kopfzeile__label" data-testid="tenant">
              {tenantLabel(tenant)}
            </span>
          </div>
        </div>
      </div>
      <header className="ff-header">
        <div className="kern-container ff-header__inner">
          <p className="ff-brand">
            <NavLink to="/" className="ff-brand__link">
              Förderfluss
            </NavLink>
            <span className="ff-brand__sub">Zuwendungsmanagement</span>
          </p>
          <HeaderSearch id="header-search" />
          <button
            type="button"
            className="kern-btn kern-btn--secondary kern-btn--small ff-menu-button"
            aria-expanded={menuOpen}
            aria-controls="ff-menu"
            onClick={() => setOpenOn(menuOpen ? null : location.pathname)}
          >
            <span className="kern-label">
              Menü{count > 0 ? <span className="ff-count"> ({count} neu)</span> : null}
            </span>
          </button>
        </div>
        <div id="ff-menu" className={`ff-menu ${menuOpen ? 'ff-menu--open' : ''}`}>
          <div className="kern-container ff-user">
            <span className="kern-body kern-body--small" data-testid="current-user">
              {me.displayName} · {me.roles.map((r) => ROLE_LABELS[r] ?? r).join(', ')}
            </span>
            <NavLink className="kern-link kern-link--small" to="/benachrichtigungen" data-testid="notifications-link">
              Benachrichtigungen{count > 0 ? <span className="ff-count"> ({count} neu)</span> : null}
            </NavLink>
            <NavLink className="kern-link kern-link--small" to="/konto/passwort">
              Passwort ändern
            </NavLink>
            <NavLink className="kern-link kern-link--small" to="/konto/zweiter-faktor">
              Zweiter Faktor
            </NavLink>
            <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => logout.mutate()} disabled={logout.isPending}>
              <span className="kern-icon kern-icon--logout" aria-hidden="true" />
              <span className="kern-label">Abmelden</span>
            </button>
          </div>
          <nav className="ff-nav" aria-label="Hauptnavigation">
            <ul className="kern-container ff-nav__list">
              {nav.map((item) => (
                <li key={item.path}>
                  <NavLink to={item.path} end={item.path === '/' || nav.some((o) => o.path.startsWith(`${item.path}/`))} className={({ isActive }) => `ff-nav__link ${isActive ? 'ff-nav__link--active' : ''}`}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      <main id="inhalt" className="kern-container ff-main" tabIndex={-1} key={location.pathname}>
        <Outlet />
      </main>
      <footer className="ff-footer">
        <div className="kern-container">
          <p className="kern-body kern-body--small">
            {tenant.level !== 'PROVIDER' && tenant.name ? `${tenant.name} · ` : ''}{tenant.level === 'DISTRICT' ? 'Integrationsmanagement · ' : ''}Richtlinie zur Förderung der sozialen Beratung und Betreuung von anerkannten Flüchtlingen
            {hasRole(me, 'PROVIDER') ? ' · Sie sehen nur die Daten Ihrer Organisation.' : ''}
          </p>
        </div>
      </footer>
    </div>
  );
}
