/**
 * `url` without its user info, query and fragment, for a source's fingerprint: checkpoints store
 * the fingerprint, and tokens and passwords often travel in those (`wss://user:pass@host/feed?token=…`).
 * So a changed query alone is not told apart on recovery.
 */
export function urlWithoutSecrets(url: string): string {
  return url.replace(/[?#].*$/s, '').replace(/^([a-z][a-z\d+.-]*:\/\/)[^/]*@/i, '$1');
}
