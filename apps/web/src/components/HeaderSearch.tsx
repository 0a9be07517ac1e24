import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';

/**
 * The search box of the header (and of the results page): it leads to /suche?q=…, where the
 * results are. A short term is sent too; the results page says what is missing.
 */
export function HeaderSearch({ id, initial = '', wide = false, landmark = 'Suche nach Vorgängen' }: { id: string; initial?: string; wide?: boolean; landmark?: string }) {
  const navigate = useNavigate();
  const [text, setText] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/suche?q=${encodeURIComponent(text.trim())}`);
  };
  return (
    <form className={`ff-header-search ${wide ? 'ff-header-search--wide' : ''}`} role="search" aria-label={landmark} onSubmit={submit}>
      <label className="kern-label kern-sr-only" htmlFor={id}>
        Suche nach Aktenzeichen, Antragsnummer, Titel oder Träger
      </label>
      <input
        id={id}
        className="kern-form-input__input ff-header-search__input"
        type="search"
        placeholder="Aktenzeichen, Titel, Träger …"
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid={`${id}-input`}
      />
      <button type="submit" className="kern-btn kern-btn--secondary kern-btn--small">
        <span className="kern-label">Suchen</span>
      </button>
    </form>
  );
}
