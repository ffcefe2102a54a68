// Every workspace page: registers the workspace's service worker (the page shell and the offline page, never a
// caller's data; see /workspace/sw.js) and remembers the language the workspace was last read in, for the offline page.
(function () {
  'use strict';
  try {
    window.localStorage.setItem('hotline.workspace.lang', document.documentElement.lang || 'zh-CN');
  } catch (e) {
    // Storage refused (a private window): the offline page falls back to the browser's language.
  }
  if ('serviceWorker' in navigator && window.isSecureContext) {
    navigator.serviceWorker.register('/workspace/sw.js', { scope: '/workspace' }).catch(function () {
      // No worker (an old browser, a refused registration): the workspace works the same, online only.
    });
  }
})();
