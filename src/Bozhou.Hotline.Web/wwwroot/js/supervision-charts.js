// Draws the supervision dashboard's charts from the JSON the page embeds (#chart-data).
// The same numbers are in the tables beneath each chart, for screen readers and print.
(function () {
  'use strict';
  var source = document.getElementById('chart-data');
  if (!source || typeof Chart === 'undefined') {
    return;
  }
  var data = JSON.parse(source.textContent);
  var red = '#b3261e', blue = '#1f5fa8', amber = '#c77700', grey = '#6c757d';
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) {
      new Chart(canvas, config);
    }
  }

  var integerAxis = { beginAtZero: true, ticks: { precision: 0 } };

  draw('chart-hours', {
    type: 'bar',
    data: { labels: data.hours.labels, datasets: [{ label: data.labels.calls, data: data.hours.counts, backgroundColor: blue }] },
    options: { scales: { y: integerAxis }, plugins: { legend: { display: false } } }
  });

  draw('chart-days', {
    type: 'line',
    data: { labels: data.days.labels, datasets: [{ label: data.labels.appeals, data: data.days.counts, borderColor: red, backgroundColor: red, tension: 0.2 }] },
    options: { scales: { y: integerAxis }, plugins: { legend: { display: false } } }
  });

  draw('chart-hotspots', {
    type: 'bar',
    data: { labels: data.hotSpots.labels, datasets: [{ label: data.labels.appeals, data: data.hotSpots.counts, backgroundColor: amber }] },
    options: { indexAxis: 'y', scales: { x: integerAxis }, plugins: { legend: { display: false } } }
  });

  draw('chart-overdue', {
    type: 'line',
    data: {
      labels: data.overdue.labels,
      datasets: [
        { label: data.labels.lateCallbacks, data: data.overdue.callbacks, borderColor: grey, backgroundColor: grey },
        { label: data.labels.lateFirstContacts, data: data.overdue.firstContacts, borderColor: amber, backgroundColor: amber },
        { label: data.labels.lateReplies, data: data.overdue.replies, borderColor: red, backgroundColor: red }
      ]
    },
    options: { scales: { y: integerAxis } }
  });
})();
