// PixelProof upload form: drag and drop onto the file field. Progressive enhancement only: without this script the
// file picker and the paste box work the same. Loads nothing and sends nothing by itself.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var zone = document.getElementById('drop-zone');
    var input = document.getElementById('email-file');
    var hint = document.getElementById('drop-text');
    var chosen = document.getElementById('drop-chosen');
    if (!zone || !input || !window.DataTransfer) {
      return;
    }
    var label = zone.getAttribute('data-chosen-label') || '';
    function show() {
      chosen.textContent = input.files && input.files.length ? label + ' ' + input.files[0].name : '';
    }
    hint.hidden = false;
    ['dragenter', 'dragover'].forEach(function (type) {
      zone.addEventListener(type, function (e) {
        e.preventDefault();
        zone.classList.add('dragging');
      });
    });
    ['dragleave', 'dragend'].forEach(function (type) {
      zone.addEventListener(type, function () {
        zone.classList.remove('dragging');
      });
    });
    zone.addEventListener('drop', function (e) {
      e.preventDefault();
      zone.classList.remove('dragging');
      if (e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files.length) {
        var dt = new DataTransfer();
        dt.items.add(e.dataTransfer.files[0]);
        input.files = dt.files;
        show();
        input.focus();
      }
    });
    input.addEventListener('change', show);
  });
})();
