#!/usr/bin/env node
// Generates the typed resource areas of the Node binding from the operation catalogue
// (spec/operations.json) and the native registry (`operations()` of the built module).
//
//   node codegen/gen_node.mjs          write generated/areas.js and generated/areas.d.ts
//   node codegen/gen_node.mjs --check  exit 1 if the committed files are out of date
//
// Output is deterministic: same catalogue and registry, same bytes. Rules:
// - a field is an amount iff its catalogue node has `money_like: true` or type
//   decimal/double/float (the core emits every amount as a decimal string);
// - a string field is a timestamp iff its `format_hint` says `utc-datetime` (or, without a
//   hint, its name ends in `_time`, `_on`, `_at`, optionally followed by `_begin`/`_end`);
//   `date YYYY-MM-DD` and `month YYYY-MM` hints give date and month fields.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DECLARATIONS, OVERRIDES } from './overrides.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const pkg = join(here, '..')
const catalogue = JSON.parse(readFileSync(join(pkg, '..', 'spec', 'operations.json'), 'utf8'))
// `--registry file.json` (a list of { operation, area, method, paginated }) and `--out dir`
// try the generator on another registry without building it.
const argValue = (name) => {
  const i = process.argv.indexOf(name)
  return i > 0 ? process.argv[i + 1] : undefined
}
const registry = argValue('--registry')
  ? JSON.parse(readFileSync(argValue('--registry'), 'utf8'))
  : createRequire(import.meta.url)('../lib/native.js').operations()
const outDir = argValue('--out') || join(pkg, 'generated')

const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())
const pascal = (s) => camel(s).replace(/^./, (c) => c.toUpperCase())
const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0)

function fieldFormat(f) {
  if (f.money_like || ['decimal', 'double', 'float'].includes(f.type)) return 'amount'
  if (f.type !== 'string') return null
  const hint = f.format_hint || ''
  if (hint.startsWith('utc-datetime')) return 'datetime'
  if (hint.startsWith('date ')) return 'date'
  if (hint.startsWith('month ')) return 'month'
  if (!hint && /(_time|_on|_at)(_begin|_end)?$|^(begin|end|start)_time$/.test(f.name)) {
    return 'datetime'
  }
  return null
}

// Merges field lists of the same model (China and International variants): union of
// fields in first-seen order; a field is required only if every variant requires it.
function mergeFields(lists) {
  const out = new Map()
  const seen = lists.length
  const counts = new Map()
  for (const list of lists) {
    for (const f of list || []) {
      counts.set(f.name, (counts.get(f.name) || 0) + (f.required ? 1 : 0))
      const prev = out.get(f.name)
      if (!prev) {
        out.set(f.name, { ...f, fields: f.fields ? [f.fields] : undefined })
      } else {
        if (f.fields) prev.fields = [...(prev.fields || []), f.fields]
        if (f.money_like) prev.money_like = true
        if (!prev.format_hint && f.format_hint) prev.format_hint = f.format_hint
      }
    }
  }
  return [...out.values()].map((f) => ({
    ...f,
    required: counts.get(f.name) === seen,
    fields: f.fields ? mergeFields(f.fields) : undefined,
  }))
}

// --- Types ---------------------------------------------------------------------------

const models = new Map() // name -> { fields, input }

function tsType(f, input) {
  const fmt = fieldFormat(f)
  const base = (t) => {
    const arr = /^array<(.+)>$/.exec(t)
    if (arr) return `${base(arr[1])}[]`
    const map = /^map<[^,]+,\s*(.+)>$/.exec(t)
    if (map) return `Record<string, ${base(map[1])}>`
    if (fmt === 'amount') return input ? 'AmountInput' : 'Amount'
    switch (t) {
      case 'string':
        if (input && fmt) return fmt === 'datetime' ? 'TimestampInput' : 'DateInput'
        return fmt === 'datetime' ? 'Timestamp' : 'string'
      case 'int':
      case 'integer':
      case 'long':
        return 'number'
      case 'bool':
      case 'boolean':
        return 'boolean'
      case 'object':
        return 'Record<string, unknown>'
      default:
        if (f.fields) return modelRef(f.model || t, f.fields, input)
        return 'unknown'
    }
  }
  return base(f.type)
}

const visiting = new Set()

function modelRef(name, fields, input) {
  const key = input ? `${name}Input` : name
  const prev = models.get(key)
  models.set(key, { fields: prev ? mergeFields([prev.fields, fields]) : fields, input })
  if (!visiting.has(key)) {
    // Register nested models now, so that emission sees every model.
    visiting.add(key)
    for (const f of fields) tsType(f, input)
    visiting.delete(key)
  }
  return key
}

function iface(name, fields, input) {
  const lines = [`export interface ${name} {`]
  for (const f of fields) {
    const fmt = fieldFormat(f)
    const note =
      fmt === 'amount'
        ? ' (amount, decimal string)'
        : fmt === 'datetime'
          ? input
            ? ' (timestamp: Date or ISO string, sent as YYYY-MM-DDThh:mm:ssZ)'
            : ' (timestamp, YYYY-MM-DDThh:mm:ssZ)'
          : fmt === 'date'
            ? ' (date YYYY-MM-DD' + (input ? ', or a Date read in UTC)' : ')')
            : fmt === 'month'
              ? ' (month YYYY-MM' + (input ? ', or a Date read in UTC)' : ')')
              : ''
    lines.push(`  /** \`${f.name}\`${note}. */`)
    const opt = f.required ? '' : '?'
    const nul = input || f.required ? '' : ' | null'
    const key = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(f.name) ? f.name : `'${f.name}'`
    lines.push(`  ${key}${opt}: ${tsType(f, input)}${nul}`)
  }
  lines.push('}')
  return lines.join('\n')
}

// --- Operations ----------------------------------------------------------------------

function catalogueEntries(op) {
  const found = catalogue.operations.filter((o) => o.operation === op)
  if (found.length === 0) throw new Error(`operation ${op} is not in spec/operations.json`)
  return found
}

function requestFields(entries) {
  return mergeFields(
    entries.map((o) => [
      ...(o.path_params || []),
      ...(o.query_params || []),
      ...(o.header_params || []),
      ...((o.request_body && o.request_body.fields) || []),
    ]),
  )
}

// Paths (`a.b`, `items[].amount`) of the request fields that need converting.
function formatPaths(fields, prefix = '', out = {}) {
  for (const f of fields) {
    const path = prefix + f.name + (/^array</.test(f.type) ? '[]' : '')
    const fmt = fieldFormat(f)
    if (fmt) (out[fmt] ||= []).push(path)
    if (f.fields) formatPaths(f.fields, path + '.', out)
  }
  return out
}

function sites(entries) {
  const s = new Set(entries.map((o) => o.service))
  if (s.has('bss') && s.has('bssintl')) return 'China and International sites'
  if (s.has('bssintl')) return 'International site only'
  if (s.has('bss')) return 'China site only'
  return [...s].join(', ')
}

const ops = [...registry].sort((a, b) => byName(a.area, b.area) || byName(a.method, b.method))
const areas = new Map()
const enriched = []
for (const r of ops) {
  const entries = catalogueEntries(r.operation)
  const over = OVERRIDES[r.operation]
  if (over) {
    const op = {
      ...r,
      reqName: over.request,
      resName: over.response,
      itemName: null,
      entries,
      reqFields: over.fields.map((name) => ({ name, required: false })),
      formats: over.formats || {},
    }
    enriched.push(op)
    if (!areas.has(r.area)) areas.set(r.area, [])
    areas.get(r.area).push(op)
    continue
  }
  const reqFields = requestFields(entries)
  const resFields = mergeFields(entries.map((o) => o.response.fields))
  const reqName = entries[0].request_model
  const resName = entries[0].response.model
  const itemField = resFields.find((f) => /^array</.test(f.type) && f.fields)
  const op = {
    ...r,
    reqName,
    resName,
    itemName: null,
    entries,
    reqFields,
    resFields,
    formats: formatPaths(reqFields),
  }
  modelRef(reqName, reqFields, true)
  modelRef(resName, resFields, false)
  if (r.paginated && itemField) op.itemName = tsType(itemField, false).replace(/\[\]$/, '')
  enriched.push(op)
  if (!areas.has(r.area)) areas.set(r.area, [])
  areas.get(r.area).push(op)
}

// Requests are named after the catalogue; their `Input` suffix is dropped at the top level.
const topRequests = new Set(enriched.map((o) => `${o.reqName}Input`))
const typeName = (k) => (topRequests.has(k) ? k.replace(/Input$/, '') : k)

function doc(op) {
  const e = op.entries[0]
  const lines = [`\`${op.operation}\`: \`${e.method} ${e.path}\` (${sites(op.entries)}).`]
  return lines
}

// --- Emit ----------------------------------------------------------------------------

const header =
  '// Generated by codegen/gen_node.mjs from spec/operations.json and the native registry.\n' +
  '// Do not edit: run `npm run generate` in bindings-node.\n'

let js = header + "'use strict'\n\n"
js += '/** Request fields to convert, by operation (`area.method`). */\n'
js += 'const FIELD_FORMATS = {\n'
for (const op of enriched) {
  js += `  '${op.area}.${op.method}': ${JSON.stringify(op.formats)},\n`
}
js += '}\n\n'
js += '/** Top-level request field names (wire spelling), by operation. */\n'
js += 'const REQUEST_FIELDS = {\n'
for (const op of enriched) {
  js += `  '${op.area}.${op.method}': ${JSON.stringify(op.reqFields.map((f) => f.name))},\n`
}
js += '}\n\n'
const areaClasses = []
for (const [area, list] of areas) {
  const cls = `${pascal(area)}Area`
  areaClasses.push([area, cls])
  js += `/** The \`${area}\` resource area. */\nclass ${cls} {\n`
  js += '  #client\n\n  constructor(client) {\n    this.#client = client\n  }\n'
  for (const op of list) {
    js += `\n  /**\n   * ${doc(op).join(' ')}\n   * One call, one page.\n   */\n`
    js += `  ${camel(op.method)}(request) {\n`
    js += `    return this.#client._call('${area}', '${op.method}', request)\n  }\n`
    if (op.paginated) {
      js += `\n  /** All pages of \`${op.operation}\`, lazily: an async iterable of items. */\n`
      js += `  ${camel(op.paginated)}(request, options) {\n`
      js += `    return this.#client._paginate('${area}', '${op.method}', request, options)\n  }\n`
    }
  }
  js += '}\n\n'
}
js += 'const AREAS = {\n'
for (const [area, cls] of areaClasses) js += `  ${camel(area)}: ${cls},\n`
js += '}\n\n'
js += `module.exports = { FIELD_FORMATS, REQUEST_FIELDS, AREAS, ${areaClasses.map((a) => a[1]).join(', ')} }\n`

let dts = header + '\nimport type {\n'
dts += '  Amount,\n  AmountInput,\n  DateInput,\n  PaginateOptions,\n  Paginator,\n'
dts += "  Secret,\n  Timestamp,\n  TimestampInput,\n} from '../index'\n\n"
if (enriched.some((o) => OVERRIDES[o.operation])) dts += DECLARATIONS + '\n'
for (const [key, m] of [...models].sort((a, b) => byName(typeName(a[0]), typeName(b[0])))) {
  const body = iface(typeName(key), m.fields, m.input)
  dts += body.replace(
    /: ([A-Za-z0-9]+Input)(\[\])?/g,
    (all, t, arr) => `: ${typeName(t)}${arr || ''}`,
  )
  dts += '\n\n'
}
for (const [area, cls] of areaClasses) {
  dts += `/** The \`${area}\` resource area. */\nexport declare class ${cls} {\n  private constructor()\n`
  for (const op of areas.get(area)) {
    const over = OVERRIDES[op.operation]
    const required = over ? !over.optional : op.reqFields.some((f) => f.required)
    const req = required ? 'request' : 'request?'
    dts += `  /**\n   * ${doc(op).join('\n   * ')}\n   * One call, one page.\n   */\n`
    dts += `  ${camel(op.method)}(${req}: ${op.reqName}): Promise<${op.resName}>\n`
    if (op.paginated) {
      const item = op.itemName || 'unknown'
      dts += `  /**\n   * All results of \`${op.operation}\`, fetched lazily page by page:\n`
      dts += '   * `for await (const item of ...)`, or `.pages()` / `.nextPage()`.\n   */\n'
      dts += `  ${camel(op.paginated)}(${req}: ${op.reqName}, options?: PaginateOptions): Paginator<${item}>\n`
    }
  }
  dts += '}\n\n'
}
dts += '/** The resource areas of a client. */\nexport interface Areas {\n'
for (const [area, cls] of areaClasses)
  dts += `  /** The \`${area}\` area. */\n  readonly ${camel(area)}: ${cls}\n`
dts += '}\n'

// Catalogue types may contain models reached only through the response; the Input
// variants are emitted for request models only.
const outputs = [
  [join(outDir, 'areas.js'), js],
  [join(outDir, 'areas.d.ts'), dts],
]
if (process.argv.includes('--check')) {
  let stale = false
  for (const [path, text] of outputs) {
    let old = ''
    try {
      old = readFileSync(path, 'utf8')
    } catch {}
    if (old !== text) {
      console.error(`${path} is out of date: run \`npm run generate\` in bindings-node`)
      stale = true
    }
  }
  process.exit(stale ? 1 : 0)
}
mkdirSync(outDir, { recursive: true })
for (const [path, text] of outputs) writeFileSync(path, text)
