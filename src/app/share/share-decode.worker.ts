/// <reference lib="webworker" />
/**
 * Decodes a share link away from the page: even capped (lz-decode.ts), a link of the largest
 * allowed size takes a moment to decode and check, and the page must stay responsive meanwhile.
 */
import { decodeShareFragment } from './share-link';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<string>) => self.postMessage(decodeShareFragment(event.data));
