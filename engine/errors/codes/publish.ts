// Codes of publishing from the desktop to a Patchbay server (Settings › Servers, `patchbay
// publish`), part of the one error table. Messages never carry an API key or a secret.
export const publishErrorCodes = {
  publish_sealed_unreadable: "The server could not open the credentials sent to it: they were sealed for another key of this server (it was reset or moved) or altered on the way. Nothing was changed on the server; fetch the server's key again and publish again.",
  server_unreachable: 'The Patchbay server could not be reached; check its URL (e.g. https://patchbay.example.com) and that it is running, then try again.',
  server_refused: 'The Patchbay server refused the request; check the API key (Settings › Servers) and that the server runs with `--auth api-keys`.',
  server_not_patchbay: 'That address answered, but not as a Patchbay server; check the URL.',
  server_url_invalid: 'A server URL is an http:// or https:// address, e.g. https://patchbay.example.com; enter it again.',
  server_without_api_keys: 'That Patchbay does not sign in with API keys; start it with `patchbay server --auth api-keys` and create a key there (`patchbay apikeys create --name <who>`).',
  server_url_credentials: 'A server URL must not carry a user name or password (https://user:password@…): enter the address alone, e.g. https://patchbay.example.com; the API key is entered in its own field.',
  published_from_desktop: 'This was published from a desktop, which manages its releases, user-specific versions and customer mappings: change it on the desktop that published it and publish again.',
  published_to_server: 'This installation was published to a Patchbay server and runs there: activate or run it on the server, or Take back the installation here (installation page) to run it on this desktop again.',
  publish_runs_in_progress: 'A live run of an installation being published is still going on this desktop: wait for it to finish (or cancel it on the Runs page), then publish again.',
  api_key_file_unreadable: 'The API key file could not be read; give a file holding only the key (--api-key-file F), or set PATCHBAY_API_KEY.',
} as const;
