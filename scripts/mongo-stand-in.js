'use strict';
// A tiny MongoDB wire-protocol stand-in, just enough for the Ruby driver
// (mongo 2.18) behind fluent-plugin-mongo to connect, optionally authenticate
// with SCRAM, list/create collections and insert documents.
//
//   const { startMongoStandIn } = require('./mongo-stand-in');
//   const server = await startMongoStandIn({ users: [{ db, user, password }], port });  // both optional
//   server.port / server.inserted / server.authentications / server.commands
//   await server.close();
//
// Not a database: no queries, no persistence, no TLS, no compression
// (we never advertise any, so the driver never sends OP_COMPRESSED).

const net = require('net');
const crypto = require('crypto');
const BSON = require('bson');

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;
const MAX_MESSAGE_SIZE = 48000000;
const FLAG_CHECKSUM_PRESENT = 1 << 0;
const FLAG_MORE_TO_COME = 1 << 1;
const SCRAM_ITERATIONS = 4096; // the driver refuses anything below 4096

// Commands that work on a connection that has not authenticated yet.
// (Like a real server: handshake, auth itself and a few harmless ones.)
const NO_AUTH_NEEDED = new Set(['hello', 'ismaster', 'ping', 'buildinfo',
  'saslstart', 'saslcontinue', 'endsessions']);

function startMongoStandIn(options = {}) {
  // users keyed by "db.user", like the saslSupportedMechs value the driver sends.
  const users = new Map((options.users || []).map((u) => [`${u.db}.${u.user}`, u]));
  const authRequired = users.size > 0;

  const inserted = [];
  const authentications = [];
  const commands = [];
  const collections = new Map(); // db -> Set of collection names
  const sockets = new Set();
  let nextConnectionId = 1;
  let nextRequestId = 1;

  const addCollection = (db, name) => {
    if (!collections.has(db)) collections.set(db, new Set());
    collections.get(db).add(name);
  };

  const server = net.createServer((socket) => {
    sockets.add(socket);
    const conn = { id: nextConnectionId++, authenticated: false, sasl: new Map(), nextConvId: 1 };
    let pending = Buffer.alloc(0);

    // A client that goes away abruptly must not take the server down.
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));

    // Length-prefixed framing: TCP may split or merge messages arbitrarily.
    socket.on('data', (chunk) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      try {
        while (pending.length >= 4) {
          const length = pending.readInt32LE(0);
          if (length < 16 || length > MAX_MESSAGE_SIZE) throw new Error(`bad message length ${length}`);
          if (pending.length < length) break; // wait for the rest
          const message = pending.subarray(0, length);
          pending = pending.subarray(length);
          handleMessage(socket, conn, message);
        }
      } catch (err) {
        // Malformed input (bad framing, bad BSON, unknown opcode...):
        // drop this connection only, keep serving the others.
        if (options.debug) console.error('[mongo-stand-in] closing connection:', err.message);
        socket.destroy();
      }
    });
  });

  function handleMessage(socket, conn, message) {
    const requestId = message.readInt32LE(4);
    const opCode = message.readInt32LE(12);
    if (opCode === OP_MSG) {
      const flags = message.readUInt32LE(16);
      // A trailing CRC-32C is allowed; we skip it without verifying it.
      const end = message.length - (flags & FLAG_CHECKSUM_PRESENT ? 4 : 0);
      const { body, sequences } = parseOpMsgSections(message, 20, end);
      const reply = runCommand(conn, body, sequences);
      // moreToCome from the client means "don't answer" (e.g. w:0 writes).
      if (!(flags & FLAG_MORE_TO_COME)) socket.write(encodeOpMsg(reply, requestId));
    } else if (opCode === OP_QUERY) {
      // Legacy handshake and the monitor's periodic hello arrive as OP_QUERY
      // on "admin.$cmd" and must be answered with OP_REPLY.
      let pos = 20; // skip flags
      const nul = message.indexOf(0, pos);
      if (nul < 0) throw new Error('unterminated collection name');
      const fullCollectionName = message.toString('utf8', pos, nul);
      pos = nul + 1 + 8; // skip numberToSkip, numberToReturn
      let query = readDocument(message, pos, message.length);
      if (query.$query) query = query.$query; // wrapped form (read preference)
      const db = fullCollectionName.split('.')[0];
      const reply = runCommand(conn, { ...query, $db: db }, {});
      socket.write(encodeOpReply(reply, requestId));
    } else {
      throw new Error(`unsupported opcode ${opCode}`);
    }
  }

  // OP_MSG sections: kind 0 = the command body, kind 1 = a named sequence of
  // documents (the driver sends insert's `documents` this way).
  function parseOpMsgSections(message, pos, end) {
    let body = null;
    const sequences = {};
    while (pos < end) {
      const kind = message[pos++];
      if (kind === 0) {
        const size = message.readInt32LE(pos);
        body = readDocument(message, pos, end);
        pos += size;
      } else if (kind === 1) {
        const size = message.readInt32LE(pos);
        const seqEnd = pos + size;
        if (size < 5 || seqEnd > end) throw new Error('bad document sequence size');
        const nul = message.indexOf(0, pos + 4);
        if (nul < 0 || nul >= seqEnd) throw new Error('bad sequence identifier');
        const id = message.toString('utf8', pos + 4, nul);
        const docs = [];
        for (let p = nul + 1; p < seqEnd; p += message.readInt32LE(p)) docs.push(readDocument(message, p, seqEnd));
        sequences[id] = docs;
        pos = seqEnd;
      } else {
        throw new Error(`unknown OP_MSG section kind ${kind}`);
      }
    }
    if (!body) throw new Error('OP_MSG without body section');
    return { body, sequences };
  }

  function readDocument(buf, pos, end) {
    if (pos + 5 > end) throw new Error('truncated document');
    const size = buf.readInt32LE(pos);
    if (size < 5 || pos + size > end) throw new Error('bad document size');
    // promoteBuffers: SASL payloads come back as plain Buffers.
    return BSON.deserialize(buf.subarray(pos, pos + size), { promoteBuffers: true });
  }

  function header(length, responseTo, opCode) {
    const h = Buffer.alloc(16);
    h.writeInt32LE(length, 0);
    h.writeInt32LE(nextRequestId++, 4);
    h.writeInt32LE(responseTo, 8);
    h.writeInt32LE(opCode, 12);
    return h;
  }

  function encodeOpMsg(doc, responseTo) {
    const body = BSON.serialize(doc);
    const rest = Buffer.alloc(5); // flagBits = 0, section kind 0
    return Buffer.concat([header(16 + 5 + body.length, responseTo, OP_MSG), rest, body]);
  }

  function encodeOpReply(doc, responseTo) {
    const body = BSON.serialize(doc);
    const fields = Buffer.alloc(20); // responseFlags, cursorID(8), startingFrom, numberReturned
    fields.writeInt32LE(1, 16);
    return Buffer.concat([header(16 + 20 + body.length, responseTo, OP_REPLY), fields, body]);
  }

  const error = (code, codeName, errmsg) => ({ ok: 0, errmsg, code, codeName });

  function runCommand(conn, body, sequences) {
    const name = Object.keys(body)[0];
    if (!name) return error(59, 'CommandNotFound', 'no command given');
    const db = body.$db || 'admin';
    const lname = name.toLowerCase();
    commands.push({ db, name });
    if (authRequired && !conn.authenticated && !NO_AUTH_NEEDED.has(lname)) {
      return error(13, 'Unauthorized', `command ${name} requires authentication`);
    }
    switch (lname) {
      case 'hello':
      case 'ismaster': return helloReply(conn, body, lname === 'hello');
      case 'ping': return { ok: 1 };
      case 'buildinfo': return { version: '6.0.0', versionArray: [6, 0, 0, 0], maxBsonObjectSize: 16777216, ok: 1 };
      case 'getlasterror': return { n: 0, err: null, ok: 1 };
      case 'saslstart': return saslStart(conn, db, body);
      case 'saslcontinue': return saslContinue(conn, body);
      case 'endsessions': return { ok: 1 };
      case 'killcursors':
        return { cursorsKilled: body.cursors || [], cursorsNotFound: [], cursorsAlive: [], cursorsUnknown: [], ok: 1 };
      case 'listcollections': {
        const wanted = body.filter && typeof body.filter.name === 'string' ? body.filter.name : null;
        const names = [...(collections.get(db) || [])].filter((n) => wanted === null || n === wanted);
        const firstBatch = names.map((n) => ({ name: n, type: 'collection', options: {}, info: { readOnly: false } }));
        return { cursor: { id: BSON.Long.fromNumber(0), ns: `${db}.$cmd.listCollections`, firstBatch }, ok: 1 };
      }
      case 'create':
        // Idempotent on purpose (a real server may answer NamespaceExists).
        addCollection(db, String(body.create));
        return { ok: 1 };
      case 'insert': {
        const collection = String(body.insert);
        const docs = sequences.documents || body.documents || [];
        if (!Array.isArray(docs)) throw new Error('insert documents is not an array');
        addCollection(db, collection);
        for (const document of docs) inserted.push({ db, collection, document });
        return { n: docs.length, ok: 1 };
      }
      default:
        return error(59, 'CommandNotFound', `no such command: '${name}'`);
    }
  }

  function helloReply(conn, body, isHello) {
    const reply = {
      helloOk: true,
      [isHello ? 'isWritablePrimary' : 'ismaster']: true,
      maxBsonObjectSize: 16777216,
      maxMessageSizeBytes: MAX_MESSAGE_SIZE,
      maxWriteBatchSize: 100000,
      localTime: new Date(),
      logicalSessionTimeoutMinutes: 30,
      connectionId: conn.id,
      minWireVersion: 0,
      maxWireVersion: 13,
      readOnly: false,
      ok: 1,
      // No topologyVersion: it would switch the driver to streaming
      // (awaitable hello) monitoring, which we don't implement.
      // No speculativeAuthenticate: the driver then runs saslStart itself.
    };
    // SCRAM mechanism negotiation: the driver picks SCRAM-SHA-256 only when it
    // is listed here; for unknown users we (like mongod) list nothing, the
    // driver falls back to SCRAM-SHA-1 and then fails at saslStart.
    if (typeof body.saslSupportedMechs === 'string' && users.has(body.saslSupportedMechs)) {
      reply.saslSupportedMechs = ['SCRAM-SHA-256', 'SCRAM-SHA-1'];
    }
    return reply;
  }

  // ---- SCRAM (RFC 5802 / RFC 7677), server side ---------------------------
  const MECHANISMS = {
    'SCRAM-SHA-256': { hash: 'sha256', size: 32, password: (u) => u.password }, // SASLprep skipped: identity for ASCII
    // MongoDB's SCRAM-SHA-1 runs over the legacy MONGODB-CR digest, not the raw password.
    'SCRAM-SHA-1': { hash: 'sha1', size: 20, password: (u) => crypto.createHash('md5').update(`${u.user}:mongo:${u.password}`).digest('hex') },
  };
  const AUTH_FAILED = () => error(18, 'AuthenticationFailed', 'Authentication failed.');
  const hmac = (hash, key, data) => crypto.createHmac(hash, key).update(data).digest();
  const H = (hash, data) => crypto.createHash(hash).update(data).digest();
  const parseScram = (s) => Object.fromEntries(s.split(',').filter(Boolean).map((kv) => [kv[0], kv.slice(2)]));
  const toBuffer = (v) => (Buffer.isBuffer(v) ? v : v && v.buffer ? Buffer.from(v.buffer) : Buffer.from(String(v || '')));

  function saslStart(conn, db, body) {
    const mechanism = String(body.mechanism);
    const mech = MECHANISMS[mechanism];
    // client-first-message = gs2-header "n,," + client-first-bare "n=user,r=nonce"
    const clientFirst = toBuffer(body.payload).toString('utf8');
    const gs2 = clientFirst.match(/^[ny],[^,]*,/);
    const bare = gs2 ? clientFirst.slice(gs2[0].length) : '';
    const fields = parseScram(bare);
    const userName = (fields.n || '').replace(/=2C/g, ',').replace(/=3D/g, '=');
    const user = users.get(`${db}.${userName}`);
    if (!mech || !user || !fields.r) {
      authentications.push({ db, user: userName, mechanism, ok: false });
      return mech ? AUTH_FAILED() : error(334, 'MechanismUnavailable', `Received authentication for mechanism ${mechanism} which is unknown or not enabled`);
    }
    const salt = crypto.randomBytes(16);
    const nonce = fields.r + crypto.randomBytes(18).toString('base64');
    const serverFirst = `r=${nonce},s=${salt.toString('base64')},i=${SCRAM_ITERATIONS}`;
    const conversationId = conn.nextConvId++;
    conn.sasl.set(conversationId, { db, user, mechanism, mech, salt, nonce, bare, serverFirst, done: false });
    return { conversationId, done: false, payload: new BSON.Binary(Buffer.from(serverFirst)), ok: 1 };
  }

  function saslContinue(conn, body) {
    const conversationId = Number(body.conversationId);
    const st = conn.sasl.get(conversationId);
    if (!st) return error(17, 'ProtocolError', 'No SASL session state found');
    // Drivers without skipEmptyExchange send one more, empty, saslContinue.
    if (st.done) {
      conn.sasl.delete(conversationId);
      return { conversationId, done: true, payload: new BSON.Binary(Buffer.alloc(0)), ok: 1 };
    }
    const finalMsg = toBuffer(body.payload).toString('utf8'); // "c=biws,r=...,p=..."
    const proofAt = finalMsg.lastIndexOf(',p=');
    const withoutProof = proofAt >= 0 ? finalMsg.slice(0, proofAt) : '';
    const fields = parseScram(finalMsg);
    const { hash, size } = st.mech;
    const salted = crypto.pbkdf2Sync(st.mech.password(st.user), st.salt, SCRAM_ITERATIONS, size, hash);
    const authMessage = `${st.bare},${st.serverFirst},${withoutProof}`;
    const storedKey = H(hash, hmac(hash, salted, 'Client Key'));
    const clientSignature = hmac(hash, storedKey, authMessage);
    const proof = Buffer.from(fields.p || '', 'base64');
    let ok = proof.length === size && fields.r === st.nonce && fields.c === 'biws';
    if (ok) {
      // ClientKey = ClientProof XOR ClientSignature; valid iff H(ClientKey) == StoredKey
      const clientKey = Buffer.from(proof.map((b, i) => b ^ clientSignature[i]));
      ok = crypto.timingSafeEqual(H(hash, clientKey), storedKey);
    }
    authentications.push({ db: st.db, user: st.user.user, mechanism: st.mechanism, ok });
    if (!ok) {
      conn.sasl.delete(conversationId);
      return AUTH_FAILED();
    }
    conn.authenticated = true;
    st.done = true;
    const serverSignature = hmac(hash, hmac(hash, salted, 'Server Key'), authMessage).toString('base64');
    return { conversationId, done: true, payload: new BSON.Binary(Buffer.from(`v=${serverSignature}`)), ok: 1 };
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // options.port: a fixed port, to bring a server up where a shipper already waits for one.
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.removeListener('error', reject);
      resolve({
        port: server.address().port,
        inserted,
        authentications,
        commands,
        // Stop listening and drop every client connection, so nothing keeps
        // the Node event loop alive afterwards.
        close: () => new Promise((res) => {
          server.close(() => res());
          for (const s of sockets) s.destroy();
        }),
      });
    });
  });
}

module.exports = { startMongoStandIn };
