/*
 * The workspace's service worker (scope /workspace, allowed by the Service-Worker-Allowed header).
 *
 * It keeps the page shell only: the offline page, the style sheets, scripts and icons the workspace pages load.
 * Nothing else is ever put in a cache: no page of the workspace (the inbox, an appeal, the call page), no answer to
 * a POST, no answer carrying a caller's name, phone or matter. Pages always come from the network; when the network
 * fails, the offline page stands in for them. Change SHELL or any file in it: bump VERSION, and the old cache goes.
 */
'use strict';

const VERSION = 'v1';
const CACHE = 'hotline-workspace-shell-' + VERSION;
const OFFLINE_PAGE = '/workspace/offline.html';

// Paths without a query: a versioned request (site.css?v=…) is stored and looked up under its path.
const SHELL = [
  OFFLINE_PAGE,
  '/lib/bootstrap/dist/css/bootstrap.min.css',
  '/lib/bootstrap/dist/js/bootstrap.bundle.min.js',
  '/css/site.css',
  '/css/elder.css',
  '/js/workspace-app.js',
  '/js/workspace-call.js',
  '/js/offline.js',
  '/workspace/icons/icon-192.png',
  '/workspace/icons/icon-512.png',
  '/favicon.ico',
];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // 'reload': straight from the server, not an older copy from the HTTP cache.
    await cache.addAll(SHELL.map((path) => new Request(path, { cache: 'reload', credentials: 'same-origin' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith('hotline-workspace-') && name !== CACHE).map((name) => caches.delete(name)));
    if (self.registration.navigationPreload) {
      await self.registration.navigationPreload.enable();
    }
    await self.clients.claim();
  })());
});

function isShellFile(url) {
  return url.origin === self.location.origin && SHELL.includes(url.pathname) && url.pathname !== OFFLINE_PAGE;
}

// A page: from the network only (the preloaded answer when there is one); the offline page when the network fails.
async function page(event) {
  try {
    const preloaded = await event.preloadResponse;
    if (preloaded) {
      return preloaded;
    }
    return await fetch(event.request);
  } catch {
    const offline = await caches.match(OFFLINE_PAGE, { cacheName: CACHE });
    return offline || Response.error();
  }
}

// A shell file: the network first, so that a new release is seen at once, its whole answer (200, not redirected) kept
// under the file's path; the kept copy when the network fails. The network's answer is passed on as it is, a partial
// one (206, to a Range request) included, and even when keeping it fails.
async function shellFile(request, url) {
  const cache = await caches.open(CACHE);
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    const kept = await cache.match(url.pathname);
    if (kept) {
      return kept;
    }
    throw error;
  }
  if (response.status === 200 && response.type === 'basic' && !response.redirected) {
    try {
      await cache.put(url.pathname, response.clone());
    } catch {
      // Not kept (storage full): the copy kept before stays for the next time the network fails.
    }
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') {
    return; // A POST (a form, a callback) goes to the server as it is and is never kept.
  }
  if (request.mode === 'navigate') {
    event.respondWith(page(event));
    return;
  }
  const url = new URL(request.url);
  if (isShellFile(url)) {
    event.respondWith(shellFile(request, url));
  }
  // Anything else goes to the network untouched and is not kept.
});
