// Shows the upload's progress while a large list is sent for preview; without JavaScript the form posts as usual.
(function () {
    var form = document.getElementById('import-upload');
    var bar = document.getElementById('import-progress');
    if (!form || !bar || !window.XMLHttpRequest || !window.FormData) { return; }
    form.addEventListener('submit', function (event) {
        event.preventDefault();
        var request = new XMLHttpRequest();
        request.open('POST', form.action);
        bar.hidden = false;
        request.upload.onprogress = function (e) { if (e.lengthComputable) { bar.max = e.total; bar.value = e.loaded; } };
        request.onload = function () { document.open(); document.write(request.responseText); document.close(); };
        request.onerror = function () { bar.hidden = true; form.submit(); };
        request.send(new FormData(form));
    });
})();
