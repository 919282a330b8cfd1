// The single view while an adviser types (/staff/contacts/new). Loaded as a module by that page
// only; CSP forbids inline scripts. Without it the "Find" button shows the same, a page at a time.
const form = document.querySelector('form[data-contact-form]')

if (form) {
  const region = form.querySelector('#contact-lookup')
  const url = form.dataset.lookupUrl
  let timer = null
  let controller = null

  const params = () => {
    const chosen = form.querySelector('input[name="person"]:checked')
    return new URLSearchParams({
      query: form.elements.query.value,
      person: chosen ? chosen.value : '',
      service: form.elements.service.value
    })
  }

  // part: "all" replaces the residents found and the history (while typing a search);
  // "history" only the chosen resident's history, so focus stays on the radio just chosen.
  const refresh = async (part) => {
    if (controller) controller.abort()
    controller = new AbortController()
    try {
      const response = await fetch(`${url}?${params()}`, {
        signal: controller.signal, credentials: 'same-origin', headers: { Accept: 'text/html', 'X-Requested-With': 'fetch' }
      })
      if (!response.ok || response.redirected) return // signed out: the page's own form still works
      const found = document.createElement('template')
      found.innerHTML = await response.text()
      if (part === 'history') {
        region.querySelector('#contact-history').replaceWith(found.content.querySelector('#contact-history'))
      } else {
        region.replaceChildren(found.content)
      }
      form.dataset.lookupDone = String(Number(form.dataset.lookupDone || 0) + 1)
    } catch (error) {
      if (error.name !== 'AbortError') form.dataset.lookupFailed = 'true'
    }
  }

  form.elements.query.addEventListener('input', () => {
    clearTimeout(timer)
    timer = setTimeout(() => refresh('all'), 250)
  })
  form.addEventListener('change', (event) => {
    if (event.target.name === 'person' || event.target.name === 'service') refresh('history')
  })
}
