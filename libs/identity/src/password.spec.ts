import { hashPassword } from './password';

describe('password hashing', () => {
  it('uses argon2id', async () => {
    expect(await hashPassword('ein-passwort-zum-testen')).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
  });
});
