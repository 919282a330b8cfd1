// Loaded as an ES module from layout.html. No inline scripts: the CSP forbids them.
// Browsers that cannot run modules never load this file and get the plain HTML pages.
import { initAll } from './govuk/govuk-frontend.min.js'
import { initTimeoutWarning } from './timeout-warning.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
initTimeoutWarning()
