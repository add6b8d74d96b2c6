'use strict'
// DynamoDB's TransactWriteItems for dynalite, which has none (SkillForge code, not part of dynalite).
//
// dynalite is used as a library here: its request validation (validations/*.js) checks and parses every action the
// way the matching single-item request is checked, and its own PutItem / UpdateItem / DeleteItem actions compute each
// action's result against a "shadow" store that only records what they would write. Nothing of dynalite is copied.
//
// Semantics (DynamoDB's documented ones):
// - 1..100 actions, each exactly one of ConditionCheck, Put, Update, Delete; no two on the same item; the items'
//   aggregate size at most 4 MB; tables must exist.
// - All or nothing: every action is evaluated against the items as they are before the transaction; if any fails,
//   nothing is written and the answer is TransactionCanceledException with one reason per action, in request order.
// - Isolation: the transaction holds dynalite's own per-item locks (the ones PutItem, UpdateItem, DeleteItem and
//   BatchWriteItem take) for all its items from before it reads them until it has written them, so no other write
//   changes them in between; reads of an item (GetItem, BatchGetItem) wait while a transaction is writing it, so they
//   never see one half applied. If a write fails, what was already written is restored.
// - ClientRequestToken: a repeat within the window answers without writing again; other parameters with the same
//   token are refused (IdempotentParameterMismatchException), a repeat while the first runs gets
//   TransactionInProgressException. The window is 10 minutes after the first request completed.
// - ReturnConsumedCapacity: one entry per table; transactional writes cost twice a standard write.
const crypto = require('crypto')
const crc32 = require('buffer-crc32') // a dependency of dynalite itself: it checksums its answers with it too
const db = require('dynalite/db')
const validations = require('dynalite/validations')
const putItemValidation = require('dynalite/validations/putItem')
const updateItemValidation = require('dynalite/validations/updateItem')
const deleteItemValidation = require('dynalite/validations/deleteItem')
const putItem = require('dynalite/actions/putItem')
const updateItem = require('dynalite/actions/updateItem')
const deleteItem = require('dynalite/actions/deleteItem')

const TARGET = 'DynamoDB_20120810.TransactWriteItems'
const MAX_ACTIONS = 100
const MAX_AGGREGATE_BYTES = 4 * 1024 * 1024
const MAX_REQUEST_BYTES = 16 * 1024 * 1024 // what dynalite accepts for any request
const DEFAULT_TOKEN_TTL_MS = 10 * 60 * 1000
const KINDS = [ 'ConditionCheck', 'Put', 'Update', 'Delete' ]
const RAW_GET = Symbol('transactions.rawGet')

// The request's shape in dynalite's own type vocabulary, built from the single-item requests' member types so that
// type errors and constraint messages read exactly as they do for PutItem, UpdateItem and DeleteItem.
function pick (types, names) {
  return names.reduce(function (picked, name) { picked[name] = types[name]; return picked }, {})
}
const EXPRESSION_MEMBERS = [ 'TableName', 'ConditionExpression', 'ExpressionAttributeNames', 'ExpressionAttributeValues' ]
const ON_CONDITION_FAILURE = { type: 'String', enum: [ 'ALL_OLD', 'NONE' ] }
const ACTION_TYPES = {
  ConditionCheck: Object.assign(pick(deleteItemValidation.types, EXPRESSION_MEMBERS.concat('Key')), {
    ConditionExpression: { type: 'String', notNull: true }, // the only point of a ConditionCheck
    ReturnValuesOnConditionCheckFailure: ON_CONDITION_FAILURE,
  }),
  Put: Object.assign(pick(putItemValidation.types, EXPRESSION_MEMBERS.concat('Item')), {
    ReturnValuesOnConditionCheckFailure: ON_CONDITION_FAILURE,
  }),
  Update: Object.assign(pick(updateItemValidation.types, EXPRESSION_MEMBERS.concat('Key')), {
    UpdateExpression: { type: 'String', notNull: true }, // no legacy AttributeUpdates in a transaction
    ReturnValuesOnConditionCheckFailure: ON_CONDITION_FAILURE,
  }),
  Delete: Object.assign(pick(deleteItemValidation.types, EXPRESSION_MEMBERS.concat('Key')), {
    ReturnValuesOnConditionCheckFailure: ON_CONDITION_FAILURE,
  }),
}
const REQUEST_TYPES = {
  ReturnConsumedCapacity: putItemValidation.types.ReturnConsumedCapacity,
  ReturnItemCollectionMetrics: putItemValidation.types.ReturnItemCollectionMetrics,
  ClientRequestToken: { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 36 },
  TransactItems: {
    type: 'List',
    notNull: true,
    lengthGreaterThanOrEqual: 1,
    lengthLessThanOrEqual: MAX_ACTIONS,
    children: {
      type: 'ValueStruct<TransactWriteItem>',
      children: KINDS.reduce(function (children, kind) {
        children[kind] = { type: 'FieldStruct<' + kind + '>', children: ACTION_TYPES[kind] }
        return children
      }, {}),
    },
  },
}
// Each action is checked (and its expressions parsed) by the custom validation of the single-item request it is.
const ACTION_CUSTOM = {
  ConditionCheck: deleteItemValidation.custom, // a key and a condition, like a DeleteItem
  Put: putItemValidation.custom,
  Update: updateItemValidation.custom,
  Delete: deleteItemValidation.custom,
}
const ACTION_RUN = { Put: putItem, Update: updateItem, Delete: deleteItem }

/**
 * Builds dynalite's server with TransactWriteItems added. `dynalite` is require('dynalite'); `options` go to it;
 * `txOptions`: tokenTtlMs (the ClientRequestToken window), and two switches only tests use: testWriteDelayMs (a pause
 * before each write of a transaction, to widen the moment it is half written) and testFailWrite (the n-th write of
 * every transaction fails as an I/O error would).
 */
function withTransactions (dynalite, options, txOptions) {
  txOptions = txOptions || {}
  // dynalite keeps its store to itself: catch it as it is created.
  var create = db.create, store
  db.create = function () {
    store = create.apply(this, arguments)
    return store
  }
  var server
  try {
    server = dynalite(options)
  }
  finally {
    db.create = create
  }
  if (!store) throw new Error('dynalite did not create its store through db.create')

  var context = {
    store: store,
    committing: new Map(), // item id -> reads waiting for the transaction writing it
    tokens: new Tokens(txOptions.tokenTtlMs > 0 ? Number(txOptions.tokenTtlMs) : DEFAULT_TOKEN_TTL_MS),
    writeDelayMs: Number(txOptions.testWriteDelayMs) || 0,
    failWrite: Number(txOptions.testFailWrite) || 0,
  }
  holdReadsWhileCommitting(context)

  // Answer TransactWriteItems here, pass every other request to dynalite untouched (nothing of it has been read).
  var handlers = server.listeners('request')
  if (handlers.length != 1) throw new Error('expected dynalite\'s one request listener, found ' + handlers.length)
  var dynaliteHandler = handlers[0]
  server.removeAllListeners('request')
  server.on('request', function (req, res) {
    if (req.headers['x-amz-target'] === TARGET && req.method == 'POST' && isJson(req)) {
      return handleHttp(context, req, res)
    }
    dynaliteHandler(req, res)
  })
  return server
}

function isJson (req) {
  var contentType = (req.headers['content-type'] || '').split(';')[0].trim()
  return contentType == 'application/json' || contentType == 'application/x-amz-json-1.0'
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP: the same envelope dynalite gives every answer (request id, CRC32 the SDKs check, content type echoed).

function handleHttp (context, req, res) {
  var chunks = [], length = 0, tooLarge = false
  req.on('data', function (chunk) {
    length += chunk.length
    if (length > MAX_REQUEST_BYTES) tooLarge = true
    else chunks.push(chunk)
  })
  req.on('end', function () {
    res.setHeader('x-amzn-RequestId', crypto.randomBytes(39).toString('base64').toUpperCase().replace(/\+|\//g, '0'))
    res.contentType = req.headers['content-type'].split(';')[0].trim()
    if (tooLarge) {
      res.statusCode = 413
      return res.end()
    }
    if (!req.headers.authorization || req.headers.authorization.trim().slice(0, 5) != 'AWS4-') {
      return send(res, 400, { __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
        message: 'Request is missing Authentication Token' })
    }
    var data
    try {
      data = JSON.parse(Buffer.concat(chunks).toString())
    }
    catch {
      return send(res, 400, { __type: 'com.amazon.coral.service#SerializationException' })
    }
    if (data == null || typeof data != 'object' || Array.isArray(data)) {
      return send(res, 400, { __type: 'com.amazon.coral.service#SerializationException' })
    }
    transactWriteItems(context, data).then(function (answer) {
      send(res, 200, answer)
    }, function (err) {
      if (err && err.statusCode) return send(res, err.statusCode, err.body)
      console.error('[transactions] TransactWriteItems failed', err)
      send(res, 500, { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
        message: 'Internal server error' })
    })
  })
  req.on('error', function (err) {
    console.error('[transactions] request error', err)
  })
}

function send (res, statusCode, data) {
  var body = JSON.stringify(data)
  res.statusCode = statusCode
  res.setHeader('x-amz-crc32', crc32.unsigned(body))
  res.setHeader('Content-Type', res.contentType)
  res.setHeader('Content-Length', Buffer.byteLength(body, 'utf8'))
  res.end(body)
}

function awsError (statusCode, type, message) {
  var err = new Error(message)
  err.statusCode = statusCode
  err.body = { __type: 'com.amazonaws.dynamodb.v20120810#' + type, message: message }
  return err
}

// ---------------------------------------------------------------------------------------------------------------
// The operation.

async function transactWriteItems (context, data) {
  // Compared across repeats of a token: taken before validation, which normalizes numbers in place.
  var fingerprint = canonicalJson(Object.assign({}, data, { ClientRequestToken: undefined }))
  var actions = await prepare(context.store, data)

  var token = data.ClientRequestToken
  if (token != null) {
    var seen = context.tokens.lookup(token)
    if (seen) {
      if (seen.fingerprint !== fingerprint) {
        throw awsError(400, 'IdempotentParameterMismatchException',
          'The request uses the same client token as a previous, but non-identical request.')
      }
      if (seen.inProgress) {
        throw awsError(400, 'TransactionInProgressException',
          'The transaction with the given request token is already in progress.')
      }
      // Done before: nothing is written again. DynamoDB documents that a repeat reports the read capacity it took.
      return withCapacity({}, data.ReturnConsumedCapacity, seen.readUnits)
    }
    context.tokens.begin(token, fingerprint)
  }

  var outcome
  try {
    outcome = await execute(context, actions)
  }
  catch (err) {
    // Only a transaction that committed is remembered: anything else may be retried with the same token.
    if (token != null) context.tokens.forget(token)
    throw err
  }
  if (token != null) context.tokens.complete(token, outcome.readUnits)
  return withCapacity({}, data.ReturnConsumedCapacity, outcome.writeUnits)
}

/** Validates the request as DynamoDB does before touching any item; returns one entry per action. */
async function prepare (store, data) {
  data = validations.checkTypes(data, REQUEST_TYPES)
  validations.checkValidations(data, REQUEST_TYPES, null, store)

  var actions = data.TransactItems.map(function (transactItem, index) {
    var kinds = KINDS.filter(function (kind) { return transactItem[kind] != null })
    if (kinds.length != 1) {
      throw db.validationError('TransactItems can only contain one of Check, Put, Update or Delete')
    }
    var kind = kinds[0], request = transactItem[kind]
    var msg = ACTION_CUSTOM[kind](request, store) // also parses the expressions into _condition / _updates
    if (msg) throw db.validationError(msg)
    return { index: index, kind: kind, request: request }
  })

  var tables = {}
  for (var name of new Set(actions.map(function (action) { return action.request.TableName }))) {
    tables[name] = await getTable(store, name)
  }

  var seen = new Set(), aggregate = 0
  actions.forEach(function (action) {
    var request = action.request, table = tables[request.TableName]
    var invalid = action.kind == 'Put' ? db.validateItem(request.Item, table) : db.validateKey(request.Key, table)
    if (invalid) throw invalid
    action.table = table
    action.key = db.createKey(request.Item || request.Key, table)
    action.id = itemId(request.TableName, action.key)
    if (seen.has(action.id)) {
      throw db.validationError('Transaction request cannot include multiple operations on one item')
    }
    seen.add(action.id)
    aggregate += db.itemSize(request.Item || request.Key) + db.itemSize(request.ExpressionAttributeValues || {})
  })
  if (aggregate > MAX_AGGREGATE_BYTES) {
    throw db.validationError('Transaction request cannot be larger than 4 MB')
  }
  return actions
}

/** Locks, evaluates every action, then writes all or nothing. */
async function execute (context, actions) {
  var store = context.store
  // Every item's lock, in one global order (table, then key) so two transactions can never wait on each other.
  // Single-item writes take one of these locks at a time, so they cannot be part of a cycle either.
  var ordered = actions.slice().sort(function (a, b) { return a.id < b.id ? -1 : a.id > b.id ? 1 : 0 })
  var releases = []
  try {
    for (var action of ordered) {
      releases.push(await lock(store.getItemDb(action.request.TableName), action.key))
    }
    for (action of actions) {
      action.current = await rawGet(store.getItemDb(action.request.TableName), action.key)
    }
    for (action of actions) {
      action.result = await evaluate(store, action)
    }
    if (actions.some(function (action) { return action.result.Code != 'None' })) {
      throw cancelled(actions.map(function (action) { return action.result }))
    }
    await commit(context, actions)
    return {
      writeUnits: unitsPerTable(actions, function (action) {
        // a ConditionCheck costs as a write of the item it checks
        var newer = action.kind == 'ConditionCheck' ? action.current : action.next
        return 2 * Math.max(db.capacityUnits(newer), db.capacityUnits(action.current))
      }),
      readUnits: unitsPerTable(actions, function (action) {
        return 2 * db.capacityUnits(action.kind == 'ConditionCheck' ? action.current : action.next, true, true)
      }),
    }
  }
  finally {
    releases.forEach(function (release) { release() })
  }
}

/**
 * One action against the item as it is now: { Code: 'None' } with action.next set to the item it leaves (null when
 * none), or its cancellation reason. Put, Update and Delete run dynalite's own single-item action on a shadow store
 * that holds only this item and records the write instead of doing it.
 */
async function evaluate (store, action) {
  var err
  if (action.kind == 'ConditionCheck') {
    err = db.checkConditional(action.request, action.current)
  }
  else {
    var written = {}
    err = await new Promise(function (resolve) {
      ACTION_RUN[action.kind](shadowStore(store, action.table, action.current, written), action.request, resolve)
    })
    action.next = written.item
  }
  if (!err) return { Code: 'None' }
  var type = err.body && err.body.__type || ''
  if (/#ConditionalCheckFailedException$/.test(type)) {
    var reason = { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }
    if (action.request.ReturnValuesOnConditionCheckFailure == 'ALL_OLD' && action.current) reason.Item = action.current
    return reason
  }
  if (/#ValidationException$/.test(type)) {
    // e.g. ADD to an attribute of another type, an update of a key attribute, an item that would grow past 400 KB
    return { Code: 'ValidationError', Message: err.body.message }
  }
  throw err
}

function shadowStore (store, table, current, written) {
  var itemDb = {
    lock: function (key, exec) { exec(function (done) { return done }) }, // the real lock is already held
    get: function (key, cb) { cb(null, current) },
    put: function (key, item, cb) { written.item = item; cb() },
    del: function (key, cb) { written.item = null; cb() },
  }
  var noIndex = {
    put: function (key, item, cb) { cb() },
    del: function (key, cb) { cb() },
  }
  return {
    options: store.options,
    getTable: function (name, checkStatus, cb) { (cb || checkStatus)(null, table) },
    getItemDb: function () { return itemDb },
    getIndexDb: function () { return noIndex },
  }
}

/** Writes every changed item (indexes first, as dynalite's single writes do); restores all of them on a failure. */
async function commit (context, actions) {
  var store = context.store
  var changes = actions.filter(function (action) {
    return action.kind != 'ConditionCheck' && !(action.current == null && action.next == null)
  })
  var ids = changes.map(function (change) { return change.id })
  // From here until written, reads of these items wait. The item locks make this transaction their only writer.
  ids.forEach(function (id) { context.committing.set(id, []) })
  var attempted = []
  try {
    for (var change of changes) {
      if (context.writeDelayMs) await sleep(context.writeDelayMs)
      attempted.push(change)
      var injected = context.failWrite == attempted.length ? new Error('injected write failure (test)') : null
      await write(store, change, change.current, change.next, injected)
    }
  }
  catch (err) {
    for (change of attempted.reverse()) {
      try {
        await write(store, change, change.next, change.current, null)
      }
      catch (restoreErr) {
        console.error('[transactions] could not restore ' + change.id + ' after a failed write', restoreErr)
      }
    }
    throw err
  }
  finally {
    ids.forEach(function (id) {
      var waiting = context.committing.get(id) || []
      context.committing.delete(id)
      waiting.forEach(function (retry) { retry() })
    })
  }
}

function write (store, change, from, to, injected) {
  var itemDb = store.getItemDb(change.request.TableName)
  return new Promise(function (resolve, reject) {
    db.updateIndexes(store, change.table, from, to, function (err) {
      if (err) return reject(err)
      if (injected) return reject(injected)
      var done = function (err) { return err ? reject(err) : resolve() }
      if (to) itemDb.put(change.key, to, done)
      else itemDb.del(change.key, done)
    })
  })
}

function cancelled (reasons) {
  var err = new Error('Transaction cancelled')
  err.statusCode = 400
  err.body = {
    __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
    Message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [' +
      reasons.map(function (reason) { return reason.Code }).join(', ') + ']',
    CancellationReasons: reasons,
  }
  return err
}

function unitsPerTable (actions, units) {
  var perTable = new Map()
  actions.forEach(function (action) {
    var name = action.request.TableName
    perTable.set(name, (perTable.get(name) || 0) + units(action))
  })
  return perTable
}

function withCapacity (answer, returnConsumedCapacity, perTable) {
  if (returnConsumedCapacity == 'TOTAL' || returnConsumedCapacity == 'INDEXES') {
    answer.ConsumedCapacity = Array.from(perTable, function (entry) {
      var capacity = { TableName: entry[0], CapacityUnits: entry[1] }
      if (returnConsumedCapacity == 'INDEXES') capacity.Table = { CapacityUnits: entry[1] }
      return capacity
    })
  }
  return answer
}

// ---------------------------------------------------------------------------------------------------------------
// Item locks and reads.

function itemId (tableName, key) {
  return tableName + '\u0000' + key
}

function lock (itemDb, key) {
  return new Promise(function (resolve) {
    itemDb.lock(key, function (release) { resolve(release(function () {})) })
  })
}

function rawGet (itemDb, key) {
  var get = itemDb[RAW_GET] || itemDb.get
  return new Promise(function (resolve, reject) {
    get(key, function (err, item) {
      if (err && err.name != 'NotFoundError') return reject(err)
      resolve(err ? null : item || null)
    })
  })
}

/**
 * GetItem and BatchGetItem read without a lock. So that they never see a transaction half written, a read of an item
 * a transaction is writing waits until it is done (each table's item store is patched once, when first used).
 */
function holdReadsWhileCommitting (context) {
  var store = context.store, getItemDb = store.getItemDb
  store.getItemDb = function (name) {
    var itemDb = getItemDb(name)
    if (!itemDb[RAW_GET]) {
      var raw = itemDb.get
      itemDb[RAW_GET] = raw
      itemDb.get = function (key, cb) {
        var waiting = context.committing.get(itemId(name, key))
        if (waiting) return waiting.push(function () { itemDb.get(key, cb) })
        raw(key, cb)
      }
    }
    return itemDb
  }
}

function getTable (store, name) {
  return new Promise(function (resolve, reject) {
    store.getTable(name, true, function (err, table) { return err ? reject(err) : resolve(table) })
  })
}

function sleep (ms) {
  return new Promise(function (resolve) { setTimeout(resolve, ms) })
}

// ---------------------------------------------------------------------------------------------------------------
// ClientRequestToken: remembered from the first request until tokenTtlMs after it completed.

function Tokens (ttlMs) {
  this.ttlMs = ttlMs
  this.entries = new Map() // insertion order = completion order for completed tokens (re-inserted on completion)
}

Tokens.prototype.lookup = function (token) {
  this.expire()
  return this.entries.get(token)
}

Tokens.prototype.begin = function (token, fingerprint) {
  this.entries.set(token, { fingerprint: fingerprint, inProgress: true })
}

Tokens.prototype.complete = function (token, readUnits) {
  var entry = this.entries.get(token)
  this.entries.delete(token)
  this.entries.set(token, { fingerprint: entry.fingerprint, inProgress: false, readUnits: readUnits,
    expiresAt: Date.now() + this.ttlMs })
}

Tokens.prototype.forget = function (token) {
  this.entries.delete(token)
}

Tokens.prototype.expire = function () {
  var now = Date.now()
  for (var [ token, entry ] of this.entries) {
    if (entry.inProgress) continue
    if (entry.expiresAt > now) break // completed ones are in completion order: the rest expire later
    this.entries.delete(token)
  }
}

/** JSON with object keys sorted, so two requests with the same parameters compare equal whatever their key order. */
function canonicalJson (value) {
  return JSON.stringify(value, function (key, val) {
    if (val && typeof val == 'object' && !Array.isArray(val)) {
      return Object.keys(val).sort().reduce(function (sorted, name) { sorted[name] = val[name]; return sorted }, {})
    }
    return val
  })
}

module.exports = { withTransactions: withTransactions, TARGET: TARGET }
