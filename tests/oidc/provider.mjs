// A local OpenID provider set up like ID-porten, for the tests: PKCE required, PAR, private_key_jwt,
// the two acr values, a `pid` claim in the ID token, end_session, and front-channel logout (which
// oidc-provider 9 no longer has: /test/logout-elsewhere renders the provider's iframes as ID-porten does).
// Usage: node provider.mjs PORT CONFIG_JSON_PATH NODE_MODULES_DIR   (prints "ready" when listening)
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// The packages live in .tools/node_modules, which ESM resolution from tests/ would not find.
const requireFromTools = createRequire(join(process.argv[4], 'noop.js'));
const load = (name) => import(pathToFileURL(requireFromTools.resolve(name)).href);
const { default: Provider } = await load('oidc-provider');
const { exportJWK, generateKeyPair } = await load('jose');

const [port, configPath] = process.argv.slice(2);
const config = JSON.parse(readFileSync(configPath, 'utf8'));
const issuer = `http://127.0.0.1:${port}`;
const ACRS = ['idporten-loa-substantial', 'idporten-loa-high'];
const accounts = new Map(); // accountId (a pairwise-looking sub) -> pid

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signing = { ...(await exportJWK(privateKey)), kid: 'op-key-1', use: 'sig', alg: 'RS256' };
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const provider = new Provider(issuer, {
  clients: [{
    // The same service registered with a secret instead of a key (client_secret_basic).
    client_id: `${config.client_id}-secret`,
    client_secret: config.client_secret,
    token_endpoint_auth_method: 'client_secret_basic',
    redirect_uris: [config.redirect_uri],
    post_logout_redirect_uris: [config.post_logout_redirect_uri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    scope: 'openid profile',
  }, {
    client_id: config.client_id,
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'RS256',
    jwks: { keys: [config.client_public_jwk] },
    redirect_uris: [config.redirect_uri],
    post_logout_redirect_uris: [config.post_logout_redirect_uri],
    frontchannel_logout_uri: config.frontchannel_logout_uri,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    scope: 'openid profile',
  }],
  extraClientMetadata: { properties: ['frontchannel_logout_uri'] },
  jwks: { keys: [signing] },
  cookies: { keys: [randomBytes(16).toString('hex')] },
  pkce: { required: () => true },
  acrValues: ACRS,
  claims: { openid: ['sub', 'pid'], profile: [] },
  conformIdTokenClaims: false, // ID-porten puts pid in the ID token
  features: {
    devInteractions: { enabled: false },
    pushedAuthorizationRequests: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      // Plain pages (the defaults load web fonts, which a test machine without internet cannot).
      logoutSource: async (ctx, form) => {
        ctx.body = `<!doctype html><html lang="nb"><meta charset="utf-8"><title>Logg ut</title>
          <h1>Vil du logge ut av Test-ID-porten?</h1>${form}
          <button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Ja, logg ut</button>`;
      },
      postLogoutSuccessSource: async (ctx) => {
        ctx.body = '<!doctype html><html lang="nb"><meta charset="utf-8"><title>Logget ut</title><h1>Logget ut</h1>';
      },
    },
  },
  ttl: { IdToken: config.id_token_ttl || 600 },
  findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id, pid: accounts.get(id) }) }),
  // ID-porten asks no consent: every grant is given.
  loadExistingGrant: async (ctx) => {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile');
    grant.addOIDCClaims(['pid']);
    await grant.save();
    return grant;
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
});
provider.proxy = false;
// ID-porten always puts its session id in the ID token (front-channel logout names it); oidc-provider
// does so only for back-channel clients.
provider.Client.prototype.includeSid = () => true;

// The login page: a national identity number and the level it is "proved" at.
provider.use(async (ctx, next) => {
  const match = ctx.path.match(/^\/interaction\/([\w-]+)$/);
  if (match && ctx.method === 'GET') {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const options = ACRS.map((a) => `<option value="${a}">${a}</option>`).join('');
    ctx.type = 'html';
    ctx.body = `<!doctype html><html lang="${esc(details.params.ui_locales || 'nb')}"><meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1"><title>Test-ID-porten</title>
      <h1>Test-ID-porten</h1><form method="post" action="/interaction/${esc(match[1])}">
      <label>Fødselsnummer <input name="pid" autocomplete="off"></label>
      <label>Nivå <select name="acr">${options}</select></label>
      <button type="submit">Logg inn</button></form>`;
    return;
  }
  if (match && ctx.method === 'POST') {
    const body = new URLSearchParams(await new Promise((resolve) => {
      let data = ''; ctx.req.on('data', (c) => { data += c; }); ctx.req.on('end', () => resolve(data));
    }));
    const pid = body.get('pid');
    const accountId = createHash('sha256').update(`sub:${pid}`).digest('base64url').slice(0, 32);
    accounts.set(accountId, pid);
    const acr = ACRS.includes(body.get('acr')) ? body.get('acr') : ACRS[0];
    await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId, acr, amr: ['TestID'] } }, { mergeWithLastSubmission: false });
    ctx.respond = false;
    return;
  }
  if (ctx.path === '/test/logout-elsewhere') {
    // The person signs out in another service: the provider ends its session and tells every client.
    const session = await provider.Session.get(ctx);
    const frames = Object.entries(session.authorizations || {}).map(([, auth]) =>
      `<iframe src="${esc(`${config.frontchannel_logout_uri}?iss=${encodeURIComponent(issuer)}&sid=${encodeURIComponent(auth.sid)}`)}"></iframe>`);
    await session.destroy();
    ctx.type = 'html';
    ctx.body = `<!doctype html><title>Logged out</title><h1>Logget ut</h1>${frames.join('')}`;
    return;
  }
  await next();
});

createServer(provider.callback()).listen(Number(port), '127.0.0.1', () => { console.log('ready'); });
