// The forms in which a remote server may echo a stored secret back, so redaction finds more than
// the literal value. Servers were seen answering with a request's credentials base64-encoded
// (inside a Basic header), URL-encoded (in a query string or form body), reversed and spaced out
// (issue 14); the hex and case-changed forms cost nothing more to look for.

/** Shorter forms would match ordinary text (a 4-character base64 piece is a common word). */
const MIN_FORM_LENGTH = 6;

function b64(bytes: Buffer): string {
  return bytes.toString('base64');
}

function urlSafe(base64: string): string {
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Base64 of the secret wherever it starts inside a longer encoded text (such as
 * base64("user:" + secret) in a Basic header): the encoder works in 3-byte groups from the start
 * of the whole text, so for each of the three alignments only the groups made wholly of secret
 * bytes are predictable. Those pieces are what is looked for; the one or two characters on either
 * side depend on the neighbouring bytes and give away at most two bytes of the secret.
 */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const out = [b64(bytes), urlSafe(b64(bytes))];
  for (let skip = 0; skip < 3; skip++) {
    const whole = Math.floor((bytes.length - skip) / 3) * 3;
    if (whole <= 0) continue;
    const core = b64(bytes.subarray(skip, skip + whole));
    out.push(core, urlSafe(core));
  }
  return out;
}

function percentForms(secret: string): string[] {
  const component = encodeURIComponent(secret);
  // application/x-www-form-urlencoded differs from encodeURIComponent on spaces and !'()~.
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  const lowerHex = (t: string): string => t.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
  return [component, form, lowerHex(component), lowerHex(form), encodeURIComponent(component)];
}

/** Every form of one secret to look for, the secret itself included. */
export function secretForms(secret: string): string[] {
  const chars = [...secret];
  const hex = Buffer.from(secret, 'utf8').toString('hex');
  const forms = [
    secret,
    secret.toLowerCase(),
    secret.toUpperCase(),
    chars.slice().reverse().join(''),
    chars.join(' '),
    JSON.stringify(secret).slice(1, -1),
    hex,
    hex.toUpperCase(),
    ...percentForms(secret),
    ...base64Forms(secret),
  ];
  return forms.filter((f) => f.length >= MIN_FORM_LENGTH);
}
