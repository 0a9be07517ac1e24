/**
 * The login session: the access token (sessionStorage, so it dies with the tab) and when it
 * expires. A 401 from the API or the expiry time ends it with reason "expired"; the app then
 * sends the user to the login page with a polite German message.
 */
export type EndReason = 'logout' | 'expired';

interface State {
  token: string | null;
  expiresAt: number | null;
  ended: EndReason | null;
}

const KEY = 'foerderfluss.session';
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | undefined;

function load(): State {
  try {
    const raw = globalThis.sessionStorage?.getItem(KEY);
    if (raw) {
      const s = JSON.parse(raw) as { token: string; expiresAt: number };
      if (typeof s.token === 'string' && typeof s.expiresAt === 'number') {
        if (s.expiresAt > Date.now()) return { token: s.token, expiresAt: s.expiresAt, ended: null };
        return { token: null, expiresAt: null, ended: 'expired' };
      }
    }
  } catch {
    // storage unavailable or corrupt: start logged out
  }
  return { token: null, expiresAt: null, ended: null };
}

let state: State = load();
schedule();

function emit(): void {
  for (const l of listeners) l();
}

function schedule(): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  if (state.token && state.expiresAt) {
    // setTimeout holds at most ~24.8 days; tokens live minutes to hours.
    const ms = Math.min(state.expiresAt - Date.now(), 2_000_000_000);
    timer = setTimeout(() => session.end('expired'), Math.max(ms, 0));
  }
}

export const session = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  snapshot(): State {
    return state;
  },
  token(): string | null {
    return state.token;
  },
  start(token: string, expiresInSeconds: number): void {
    state = { token, expiresAt: Date.now() + expiresInSeconds * 1000, ended: null };
    try {
      globalThis.sessionStorage?.setItem(KEY, JSON.stringify({ token, expiresAt: state.expiresAt }));
    } catch {
      // private mode: the session lives in memory only
    }
    schedule();
    emit();
  },
  end(reason: EndReason): void {
    if (!state.token && state.ended === reason) return;
    state = { token: null, expiresAt: null, ended: reason };
    try {
      globalThis.sessionStorage?.removeItem(KEY);
    } catch {
      // ignore
    }
    schedule();
    emit();
  },
  /** After the login page has shown the message. */
  acknowledge(): void {
    if (state.ended) {
      state = { ...state, ended: null };
      emit();
    }
  },
};
