// The timeout warning for signed-in staff (GOV.UK's timeout warning pattern, WCAG 2.2.1).
// The dialog's markup is in templates/_timeout_warning.html; its data-* attributes carry the
// server's real seconds left. Before warning, and every 30 seconds while warning, the page
// asks the server how long is really left (another tab may have kept the session alive);
// asking does not keep it alive.
// "Stay signed in" (or Escape) posts to the keep-alive address with the CSRF token.

const TICK = 1000
const RECHECK = 30 * TICK // while the warning is open, ask the server again this often

function inWords (seconds) {
  if (seconds >= 60) {
    const minutes = Math.ceil(seconds / 60)
    return minutes === 1 ? '1 minute' : `${minutes} minutes`
  }
  const whole = Math.max(0, Math.ceil(seconds))
  return whole === 1 ? '1 second' : `${whole} seconds`
}

// What a screen reader is told while the dialog is open: each whole minute, then every 20 seconds.
function announcement (seconds) {
  if (seconds >= 60) return inWords(seconds)
  return inWords(Math.ceil(seconds / 20) * 20)
}

export class TimeoutWarning {
  constructor (dialog) {
    this.dialog = dialog
    this.warnMs = Number(dialog.dataset.warnSeconds) * 1000
    this.countdown = dialog.querySelector('[data-timeout-countdown]')
    this.announcer = dialog.querySelector('[data-timeout-announce]')
    this.warningState = dialog.querySelector('[data-timeout-state="warning"]')
    this.signedOutState = dialog.querySelector('[data-timeout-state="signed-out"]')
    this.timer = null
    this.lastCheck = 0
    this.lastAnnounced = null
    this.returnFocusTo = null
    this.expiresAt = Date.now() + Number(dialog.dataset.secondsLeft) * 1000

    dialog.querySelector('[data-timeout-stay]').addEventListener('click', () => this.staySignedIn())
    dialog.querySelector('[data-timeout-close]').addEventListener('click', () => this.close())
    dialog.addEventListener('cancel', (event) => { // Escape
      event.preventDefault()
      if (this.signedOutState.hidden) this.staySignedIn()
      else this.close()
    })
    this.schedule()
  }

  schedule () {
    clearTimeout(this.timer)
    const untilWarning = Math.max(0, this.expiresAt - this.warnMs - Date.now())
    this.timer = setTimeout(() => this.check(), untilWarning)
  }

  async ask (url, options) {
    try {
      const response = await fetch(url, { credentials: 'same-origin', redirect: 'manual', ...options })
      if (!response.ok) return null // a redirect to sign in: the session has ended
      const answer = await response.json()
      return answer.signed_in ? answer : null
    } catch (error) {
      return undefined // the network: say nothing now, try again later
    }
  }

  async check () {
    this.lastCheck = Date.now()
    const answer = await this.ask(this.dialog.dataset.statusUrl)
    if (answer === null) return this.showSignedOut()
    if (answer !== undefined) this.expiresAt = Date.now() + answer.seconds_left * 1000
    const left = this.expiresAt - Date.now()
    if (left > this.warnMs + TICK) {
      if (this.dialog.open) this.close()
      return this.schedule()
    }
    if (left <= 0) return answer === undefined ? this.retryLater() : this.showSignedOut()
    if (!this.dialog.open) this.open()
    this.tick()
  }

  retryLater () {
    clearTimeout(this.timer)
    this.timer = setTimeout(() => this.check(), 10 * TICK)
  }

  open () {
    this.returnFocusTo = document.activeElement
    this.warningState.hidden = false
    this.signedOutState.hidden = true
    this.setLabels('timeout-warning')
    this.lastAnnounced = null
    this.announcer.textContent = ''
    this.dialog.showModal()
    this.dialog.querySelector('[data-timeout-stay]').focus()
  }

  tick () {
    clearTimeout(this.timer)
    const seconds = (this.expiresAt - Date.now()) / 1000
    if (seconds <= 0 || Date.now() - this.lastCheck >= RECHECK) {
      this.check() // the end, or time to see whether another tab kept the session alive
      return
    }
    this.countdown.textContent = inWords(seconds)
    const words = announcement(seconds)
    if (words !== this.lastAnnounced) {
      if (this.lastAnnounced !== null) this.announcer.textContent = `We will sign you out in ${words}.`
      this.lastAnnounced = words
    }
    this.timer = setTimeout(() => this.tick(), TICK)
  }

  async staySignedIn () {
    const answer = await this.ask(this.dialog.dataset.keepAliveUrl, {
      method: 'POST',
      headers: { 'X-CSRFToken': this.dialog.dataset.csrfToken, Accept: 'application/json' }
    })
    if (answer === null) return this.showSignedOut()
    if (answer !== undefined) this.expiresAt = Date.now() + answer.seconds_left * 1000
    this.close()
    this.schedule()
  }

  showSignedOut () {
    clearTimeout(this.timer)
    this.warningState.hidden = true
    this.signedOutState.hidden = false
    this.setLabels('timeout-signed-out')
    if (!this.dialog.open) {
      this.returnFocusTo = document.activeElement
      this.dialog.showModal()
    }
    this.dialog.querySelector('[data-timeout-close]').focus()
  }

  close () {
    if (this.dialog.open) this.dialog.close()
    if (this.returnFocusTo && typeof this.returnFocusTo.focus === 'function') this.returnFocusTo.focus()
    this.returnFocusTo = null
  }

  setLabels (prefix) {
    this.dialog.setAttribute('aria-labelledby', `${prefix}-title`)
    this.dialog.setAttribute('aria-describedby', `${prefix}-message`)
  }
}

export function initTimeoutWarning () {
  const dialog = document.getElementById('timeout-warning')
  if (dialog && typeof dialog.showModal === 'function') return new TimeoutWarning(dialog)
  return null
}
