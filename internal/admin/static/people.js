// Copy buttons on the people page: each names the field whose text it
// copies. Without JavaScript the buttons stay hidden and the field shows
// the link to select and copy by hand.
"use strict";
for (const button of document.querySelectorAll("button[data-copy]")) {
  const field = document.getElementById(button.dataset.copy);
  const status = button.parentElement.querySelector(".copied");
  if (!field || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      status.textContent = "Copied.";
    } catch {
      field.select();
      status.textContent = "Select the link and copy it.";
    }
  });
}
