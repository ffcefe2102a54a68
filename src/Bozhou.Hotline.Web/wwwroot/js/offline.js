// The workspace's offline page: shows the language the user last read the workspace in (kept by workspace-app.js),
// otherwise the browser's, and hides the other one. Without script both show, Chinese first.
(function () {
  'use strict';
  var chosen = null;
  try { chosen = window.localStorage.getItem('hotline.workspace.lang'); } catch (e) { chosen = null; }
  var lang = chosen || (navigator.language || 'zh-CN');
  var show = lang.toLowerCase().indexOf('en') === 0 ? 'en' : 'zh';
  document.documentElement.lang = show === 'en' ? 'en' : 'zh-CN';
  document.querySelectorAll('[data-offline-lang]').forEach(function (section) {
    section.hidden = section.getAttribute('data-offline-lang') !== show;
  });
  var divider = document.querySelector('[data-offline-divider]');
  if (divider) { divider.hidden = true; }
  document.title = show === 'en' ? 'Offline - Bozhou Cadre Hotline' : '未连接网络 - 亳州干部热线';
})();
