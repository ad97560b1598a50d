// flaskr's onclick="return confirm('Are you sure?');", moved here: the Content-Security-Policy allows
// no inline script. Asks before submitting a form that has a data-confirm question.
document.querySelectorAll("form[data-confirm]").forEach(function (form) {
  form.addEventListener("submit", function (event) {
    if (!window.confirm(form.dataset.confirm)) event.preventDefault();
  });
});
