#!/usr/bin/env node
// Starts dynalite for SkillForge tests and the local run.
// - Binds to loopback on the port given (0 = a free one chosen by the OS) and prints the bound port
//   as "DYNALITE_PORT=<n>" so the parent never races for a port.
// - Exits when its stdin closes: the parent JVM holds the other end, so even a parent killed with
//   SIGKILL leaves no orphaned dynalite behind.
// - Adds TransactWriteItems, which dynalite lacks (transactions.js).
//   --transaction-token-ttl-ms <n>: how long a ClientRequestToken is remembered (DynamoDB: 10 minutes).
//   Test-only switches: --test-transaction-write-delay-ms <n> pauses before each write of a transaction;
//   --test-transaction-fail-write <n> makes the n-th write of every transaction fail like an I/O error.
'use strict'
const minimist = require('minimist')
const dynalite = require('dynalite')
const { withTransactions } = require('./transactions')

const argv = minimist(process.argv.slice(2), { string: ['path', 'host'], default: { port: 0, host: '127.0.0.1' } })
const server = withTransactions(dynalite, {
  path: argv.path || undefined, // absent = in memory
  createTableMs: 0,
  deleteTableMs: 0,
  updateTableMs: 0,
}, {
  tokenTtlMs: argv['transaction-token-ttl-ms'],
  testWriteDelayMs: argv['test-transaction-write-delay-ms'],
  testFailWrite: argv['test-transaction-fail-write'],
})

server.listen(Number(argv.port), argv.host, () => {
  process.stdout.write(`DYNALITE_PORT=${server.address().port}\n`)
})

const stop = () => server.close(() => process.exit(0))
process.stdin.on('end', stop)
process.stdin.on('close', stop)
process.stdin.resume()
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
