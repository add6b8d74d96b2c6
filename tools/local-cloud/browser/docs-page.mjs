// Opens the local run's API reference page in headless Chromium (Debian's, not a downloaded one), authorizes with a
// student token, calls GET /me/enrollments from the page and expects a 200, then shows the first course cover of the
// catalog (GET /courses, its coverImageUrl on the local CDN) in the page and expects it to load; saves a screenshot
// either way.
// Usage: node docs-page.mjs <base url> <token> <screenshot.png>
import { chromium } from 'playwright-core'

const [base, token, screenshot] = process.argv.slice(2)
if (!base || !token || !screenshot) {
  console.error('usage: node docs-page.mjs <base url> <token> <screenshot.png>')
  process.exit(2)
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  // No sandbox as root in CI; no background networking: this machine's network is closed.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
})
let failure = null
const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } })
try {
  await page.goto(`${base}/docs`)
  // Every HTTP function is a group of the page.
  for (const service of ['courses-service', 'enrollments-service', 'progress-service', 'reviews-service']) {
    await page.locator(`#operations-tag-${service}`).waitFor({ timeout: 15000 })
  }
  await page.locator('button.authorize').first().click()
  await page.locator('.modal-ux input').first().fill(token)
  await page.locator('.modal-ux .auth-btn-wrapper button.authorize').click()
  await page.locator('.modal-ux button.btn-done').click()

  const operation = page.locator('.opblock-get', { has: page.locator('[data-path="/me/enrollments"]') }).first()
  await operation.locator('.opblock-summary').first().click()
  await operation.locator('button.try-out__btn').click()
  await operation.locator('button.execute').click()
  const status = operation.locator('.live-responses-table tbody .response-col_status').first()
  await status.waitFor({ timeout: 15000 })
  const code = (await status.textContent()).trim()
  await operation.scrollIntoViewIfNeeded()
  if (code !== '200') {
    failure = `GET /me/enrollments from the page answered ${code}`
  } else {
    console.log('GET /me/enrollments from the page: 200')
    failure = await showCover(page)
  }
} catch (error) {
  failure = String(error)
} finally {
  await page.screenshot({ path: screenshot })
  await browser.close()
}
if (failure) {
  console.error(failure)
  process.exit(1)
}

// A cover as a browser loads it: an <img> whose src is the course's public CDN URL, in a corner of the page so the
// screenshot shows it; null when it loaded, else why not.
async function showCover(page) {
  const cover = await page.evaluate(async () => {
    const catalog = await (await fetch('/courses?limit=50')).json()
    const url = catalog.items.map((course) => course.coverImageUrl).find(Boolean)
    if (!url) {
      return { error: 'no course in GET /courses has a coverImageUrl' }
    }
    const img = document.createElement('img')
    img.id = 'cover-check'
    img.alt = 'course cover'
    img.style = 'position: fixed; top: 12px; right: 12px; width: 320px; border: 3px solid #222; z-index: 10000'
    img.src = url
    document.body.appendChild(img)
    try {
      await img.decode()
    } catch (error) {
      return { url, error: `the cover did not load: ${error}` }
    }
    return { url, width: img.naturalWidth, height: img.naturalHeight }
  })
  if (cover.error || !(cover.width > 0)) {
    return `cover ${cover.url ?? ''}: ${cover.error ?? 'no natural width'}`
  }
  console.log(`cover ${cover.url}: ${cover.width}x${cover.height}`)
  return null
}
