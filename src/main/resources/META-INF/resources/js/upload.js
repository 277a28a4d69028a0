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
    // "Drop the file here" shows only while a file is dragged over the zone.
    function dragging(on) {
      zone.classList.toggle('dragging', on);
      hint.hidden = !on;
    }
    ['dragenter', 'dragover'].forEach(function (type) {
      zone.addEventListener(type, function (e) {
        e.preventDefault();
        dragging(true);
      });
    });
    ['dragleave', 'dragend'].forEach(function (type) {
      zone.addEventListener(type, function (e) {
        // leaving for a child of the zone is not leaving the zone
        if (type === 'dragleave' && e.relatedTarget && zone.contains(e.relatedTarget)) {
          return;
        }
        dragging(false);
      });
    });
    zone.addEventListener('drop', function (e) {
      e.preventDefault();
      dragging(false);
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
