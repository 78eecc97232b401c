// Which frames may call the contract over IPC: only the top frame of our own window, showing a
// page of the app's exact origin. Anything unknown (no frame, an empty or unparsable URL, a
// subframe, another origin) is refused.

/** What the check needs to know about the frame that sent an IPC message. */
export interface SenderFrame {
  url: string
  /** The frame is its window's main (top) frame. */
  isMainFrame: boolean
}

/**
 * `scheme://host[:port]` of a URL, for the schemes the app is served from (app:, http:, https:);
 * null for any other scheme, a URL without a host, or text that is not a URL. (WHATWG's `origin`
 * is "null" for custom schemes such as app:, so it cannot be compared.)
 */
export function originOf(url: string): string | null {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return null
  }
  if (!['app:', 'http:', 'https:'].includes(u.protocol) || u.host === '') return null
  if (u.username !== '' || u.password !== '') return null
  return `${u.protocol}//${u.host}`
}

/** Whether an IPC message from this frame may call the contract. */
export function isTrustedSender(
  frame: SenderFrame | null | undefined,
  appOrigin: string | null
): boolean {
  if (!frame || !frame.isMainFrame || frame.url === '' || appOrigin === null) return false
  const origin = originOf(frame.url)
  return origin !== null && origin === appOrigin
}
