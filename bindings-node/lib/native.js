'use strict'
// Loads the native addon built from source by `napi build` (see scripts/build.js).
const { join } = require('node:path')

const file = join(__dirname, '..', 'native', 'huaweicloud-partner.node')
let native
try {
  native = require(file)
} catch (e) {
  const err = new Error(
    `huaweicloud-partner: the native module ${file} could not be loaded (${e.message}). ` +
      'Build it with `npm run build` in the package directory (needs Rust and cargo).',
  )
  err.code = 'ERR_HUAWEICLOUD_PARTNER_NATIVE'
  err.cause = e
  throw err
}
module.exports = native
