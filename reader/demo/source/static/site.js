// Hides the cookie notice once a button in it is pressed. Nothing is stored.
document.addEventListener("click", function (event) {
  var box = event.target.closest(".cookie-banner, .consent-bar");
  if (box && event.target.tagName === "BUTTON") { box.hidden = true; }
});

// Swaps each lazy picture's placeholder for the picture itself.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("img[data-src]").forEach(function (img) {
    img.src = img.getAttribute("data-src");
  });
});
