// A test OpenID Connect provider on loopback, on the npm package oidc-provider (dev interactions give a
// login form: any login name, any password; the login name picks the account).
// Usage: node oidc_provider.mjs <accounts.json> <redirect_uri> <post_logout_redirect_uri>
// Prints {"issuer": ...} on stdout once it listens. accounts.json is read at every sign-in, so a test
// can change a person's roles at the provider between two sign-ins.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import Provider from 'oidc-provider';

const [accountsFile, redirectUri, postLogoutUri] = process.argv.slice(2);
const server = http.createServer();

server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: 'brobygger',
      client_secret: 'test-hemmelighed',
      redirect_uris: [redirectUri],
      post_logout_redirect_uris: [postLogoutUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
      id_token_signed_response_alg: 'RS256',
    }],
    pkce: { required: () => true }, // the portal must send a PKCE challenge, confidential client or not
    claims: {
      openid: ['sub'],
      email: ['email'],
      profile: ['given_name', 'family_name', 'roles', 'kommunekode'],
    },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    findAccount: async (_ctx, id) => {
      const accounts = JSON.parse(readFileSync(accountsFile, 'utf8'));
      if (!accounts[id]) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...accounts[id] }) };
    },
  });
  provider.on('end_session.success', () => console.log(JSON.stringify({ event: 'logout' })));
  server.on('request', provider.callback());
  console.log(JSON.stringify({ issuer }));
});
