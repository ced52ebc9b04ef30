// Codes of publishing from the desktop to a Patchbay server (Settings › Servers, `patchbay
// publish`), part of the one error table. Messages never carry an API key or a secret.
export const publishErrorCodes = {
  publish_sealed_unreadable: "The server could not open the credentials sent to it: they were sealed for another key of this server (it was reset or moved) or altered on the way. Nothing was changed on the server; fetch the server's key again and publish again.",
  server_unreachable: 'The Patchbay server could not be reached; check its URL (e.g. https://patchbay.example.com) and that it is running, then try again.',
  server_refused: 'The Patchbay server refused the request; check the API key (Settings › Servers) and that the server runs with `--auth api-keys`.',
  server_not_patchbay: 'That address answered, but not as a Patchbay server; check the URL.',
  server_url_invalid: 'A server URL is an http:// or https:// address, e.g. https://patchbay.example.com; enter it again.',
  api_key_file_unreadable: 'The API key file could not be read; give a file holding only the key (--api-key-file F), or set PATCHBAY_API_KEY.',
} as const;
