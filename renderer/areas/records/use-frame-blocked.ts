import { useEffect, useState } from 'react';

/**
 * Whether the Content Security Policy refused to frame our object URLs (frame-src without blob:).
 * Then the preview offers the separate window and the download instead of an empty, blocked frame.
 */
export function useFrameBlocked(): boolean {
  const [blocked, setBlocked] = useState(false);
  useEffect(() => {
    const onViolation = (e: SecurityPolicyViolationEvent) => {
      if (e.effectiveDirective === 'frame-src' && e.blockedURI.startsWith('blob')) setBlocked(true);
    };
    document.addEventListener('securitypolicyviolation', onViolation);
    return () => document.removeEventListener('securitypolicyviolation', onViolation);
  }, []);
  return blocked;
}
