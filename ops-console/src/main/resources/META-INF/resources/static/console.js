// Shows every <time datetime> in the browser's time zone; the title keeps the UTC value.
document.querySelectorAll('time[datetime]').forEach(function (el) {
  var when = new Date(el.getAttribute('datetime'));
  if (!isNaN(when)) { el.textContent = when.toLocaleString(); }
});
