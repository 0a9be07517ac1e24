#!/usr/bin/env node
// The floor for `npm run bench:api`: what the stack underneath Förderfluss (express + pg +
// jsonwebtoken) costs for GET /api/v1/organisations?limit=20 when nothing else is in the way.
// It does the same work per request as the api, on the same database:
//   1. verifies the bearer token exactly as the api does (HS256 pinned, same secret, issuer,
//      audience, expiry),
//   2. reads the user row the way the api's auth check does (UserRepository.authenticationRow:
//      same claim check, same columns, same revoked-token EXISTS) and refuses inactive, revoked or
//      stale tokens (iat before tokens_valid_after),
//   3. selects the same 20-row organisation list (all entity columns, ORDER BY name, id,
//      LIMIT limit + 1, a Träger only its own row) and answers { items, nextCursor } as JSON.
// No framework around it: no DI, no guards, no validation pipe, no helmet, no logging, no metrics.
// Config from the environment (the bench passes the api's): DATABASE_URL, PORT, JWT_SECRET,
// JWT_ISSUER, JWT_AUDIENCE, DATABASE_POOL_SIZE.
'use strict';
const { createSecretKey } = require('node:crypto');
const express = require('express');
const jwt = require('jsonwebtoken');
const { Pool } = require('pg');

const port = Number(process.env.PORT || 3998);
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE || 10) });
// A KeyObject like the api's JwtStrategy, so neither side pays for PEM parsing on each verify.
const key = createSecretKey(Buffer.from(process.env.JWT_SECRET || '', 'utf8'));
const verifyOptions = {
  algorithms: ['HS256'],
  issuer: process.env.JWT_ISSUER || 'foerderfluss',
  audience: process.env.JWT_AUDIENCE || 'foerderfluss-api',
};

const USER_SQL = `SELECT u.id, u.email, u.display_name, u.roles, u.organisation_id, u.active,
        u.tokens_valid_after,
        EXISTS (SELECT 1 FROM revoked_token r WHERE r.jti = $2) AS revoked
   FROM app_user u WHERE u.id = $1`;

const COLUMNS = `o.id, o.code, o.kind, o.name, o.legal_form, o.street, o.postal_code, o.city,
        o.contact_name, o.contact_email, o.contact_phone, o.non_profit,
        o.non_profit_notice_date::text AS non_profit_notice_date, o.vat_deductible, o.iban, o.bic,
        o.account_holder, o.bank_account_status, o.bank_account_changed_at, o.bank_account_changed_by,
        o.bank_account_confirmed_at, o.bank_account_confirmed_by, o.active, o.version, o.created_at, o.updated_at`;
const LIST_ALL_SQL = `SELECT ${COLUMNS} FROM organisation o ORDER BY o.name ASC, o.id ASC LIMIT $1`;
const LIST_OWN_SQL = `SELECT ${COLUMNS} FROM organisation o WHERE o.id = $2 ORDER BY o.name ASC, o.id ASC LIMIT $1`;

// The same claim check as AuthService.authenticate (hasRequiredClaims).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const hasRequiredClaims = (c) =>
  typeof c === 'object' && c !== null &&
  typeof c.sub === 'string' && UUID.test(c.sub) &&
  typeof c.jti === 'string' && UUID.test(c.jti) &&
  Number.isSafeInteger(c.iat) && Number.isSafeInteger(c.exp) && c.exp > c.iat;

const iso = (d) => (d ? d.toISOString() : null);
const toDto = (o) => ({
  id: o.id,
  code: o.code,
  kind: o.kind,
  name: o.name,
  legalForm: o.legal_form,
  street: o.street,
  postalCode: o.postal_code,
  city: o.city,
  contactName: o.contact_name,
  contactEmail: o.contact_email,
  contactPhone: o.contact_phone,
  nonProfit: o.non_profit,
  nonProfitNoticeDate: o.non_profit_notice_date,
  vatDeductible: o.vat_deductible,
  iban: o.iban,
  bic: o.bic,
  accountHolder: o.account_holder,
  bankAccountStatus: o.bank_account_status,
  bankAccountChangedAt: iso(o.bank_account_changed_at),
  bankAccountConfirmedAt: iso(o.bank_account_confirmed_at),
  active: o.active,
  version: o.version,
  createdAt: iso(o.created_at),
  updatedAt: iso(o.updated_at),
});

const app = express();
app.disable('x-powered-by');
app.set('etag', false);

app.get('/api/v1/health', (_req, res) => res.json({ status: 'ok' }));

let inFlight = 0;
app.get('/api/v1/organisations', async (req, res) => {
  inFlight++;
  try {
    const header = req.headers.authorization || '';
    if (!header.startsWith('Bearer ')) return res.status(401).end();
    let claims;
    try {
      claims = jwt.verify(header.slice(7), key, verifyOptions);
    } catch {
      return res.status(401).end();
    }
    if (!hasRequiredClaims(claims)) return res.status(401).end();
    const { rows: users } = await pool.query(USER_SQL, [claims.sub, claims.jti]);
    const u = users[0];
    if (!u || !u.active || u.revoked) return res.status(401).end();
    if (u.tokens_valid_after && claims.iat * 1000 < u.tokens_valid_after.getTime()) return res.status(401).end();
    const limit = Math.min(Math.max(Number(req.query.limit) || 20, 1), 100);
    const provider = !u.roles.some((r) => r !== 'PROVIDER');
    const { rows } = provider
      ? await pool.query(LIST_OWN_SQL, [limit + 1, u.organisation_id ?? '00000000-0000-0000-0000-000000000000'])
      : await pool.query(LIST_ALL_SQL, [limit + 1]);
    res.json({ items: rows.slice(0, limit).map(toDto), nextCursor: rows.length > limit ? 'more' : null });
  } catch (err) {
    console.error(err);
    res.status(500).end();
  } finally {
    inFlight--;
  }
});

const server = app.listen(port, '127.0.0.1');
// A request whose client went away (autocannon stops mid-request) still runs its queries: end the
// pool only when no handler is left, or those queries fail on an ended pool.
process.on('SIGTERM', () => {
  server.close();
  const finish = () => (inFlight === 0 ? pool.end().then(() => process.exit(0)) : setTimeout(finish, 20));
  finish();
});
