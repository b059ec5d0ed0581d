// Starts telegram-test-api on 127.0.0.1, patched to answer the Bot API the way PTB 22 expects.
//
// Usage: node server.js [port]   (port 0, the default, picks a free port)
// Prints one line, {"port": N}, once listening; exits on SIGTERM, SIGINT or when stdin closes.
//
// What the patches fix in telegram-test-api 4.2.1 (bot side):
//   getMe            lacks is_bot                          -> full bot User
//   sendMessage      date in ms, chat always "private",    -> date in s, the user's chat, from = bot
//                    no from
//   editMessage*     result null, keeps a removed keyboard -> the edited Message, keyboard replaced
//   answerCallback   result null                           -> true
//   getUpdates       callback_query lacks chat_instance,   -> added; internal fields removed
//                    messages carry the botToken field
//   sendChatAction, setMyCommands and other no-op calls    -> true (the package rejects them)
//   sendPoll         not implemented                       -> the poll stored as a bot message
//                                                             (its question as the text, with
//                                                             poll_id and correct_option_ids)
//                                                             and returned as a Message with a
//                                                             poll
//   anything else (sendDocument, …)                        -> 400 in Bot API shape, not a 500
//   webhook POSTs    lack X-Telegram-Bot-Api-Secret-Token; -> the header carries the secret_token
//                    a refused POST is an unhandled           given to setWebhook, as Telegram
//                    rejection that kills the process         does; a refusal is logged to stderr
//   getFile          not implemented                       -> the File of a file a rig user sent;
//                                                             its bytes at /file/bot<token>/<path>
// Client side, /sendCallback accepts {message_id, chat_id} and attaches the stored bot message,
// /sendPollAnswer {botToken, poll_id, user, option_ids} queues a poll_answer update,
// /rig/waitBotChange {after, timeout_ms} long-polls until a bot message is sent or edited, and
// /rig/webhook {token} returns what that bot gave setWebhook (url, secret_token, …), or null,
// /rig/putFile {content (base64)} keeps a file a user sends and returns its file_id, file_size,
// and /rig/fail {methods, status, retry_after, seconds} makes those bot methods answer `status`
// (429 with parameters.retry_after, or a 5xx) for `seconds`, storing nothing; it returns how
// many bot calls the previous /rig/fail refused.
'use strict';

const http = require('http');
const { createRequire } = require('module');
const TelegramServer = require('telegram-test-api');

// express and axios are telegram-test-api's own dependencies; resolve them from there, not from
// the hoisting.
const packageRequire = createRequire(require.resolve('telegram-test-api'));
const express = packageRequire('express');
const axios = packageRequire('axios');

const HOST = '127.0.0.1';
const BOT_USER = {
  id: 666,
  is_bot: true,
  first_name: 'Test First name',
  username: 'TestNameBot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
};
const ALWAYS_TRUE = [
  'sendChatAction',
  'setMyCommands',
  'deleteMyCommands',
  'setMyDescription',
  'setMyShortDescription',
  'setMyName',
  'setChatMenuButton',
  'setMyDefaultAdministratorRights',
  'pinChatMessage',
  'unpinChatMessage',
  'setMessageReaction',
];

// Bot methods the package itself answers correctly enough.
const PACKAGE_METHODS = new Set([
  'sendMessage', 'getUpdates', 'deleteMessage', 'setWebhook', 'deleteWebhook',
]);

const seconds = (millis) => Math.floor(millis / 1000);

class RigServer extends TelegramServer {
  // The chat as the user's updates describe it (type, title), else a private chat.
  chatFor(chatId) {
    const id = Number(chatId);
    for (let i = this.storage.userMessages.length - 1; i >= 0; i -= 1) {
      const update = this.storage.userMessages[i];
      const source = update.message || (update.callbackQuery && update.callbackQuery.message);
      const chat = source && source.chat;
      if (chat && Number(chat.id) === id) {
        return chat;
      }
    }
    return { id, type: 'private', first_name: 'TestName' };
  }

  // A stored bot message as a Bot API Message.
  toMessage(item) {
    const { chat_id: chatId, text, entities, reply_markup: markup, edit_date: editDate } = item.message;
    const message = {
      message_id: item.messageId,
      date: seconds(item.time),
      chat: this.chatFor(chatId),
      from: BOT_USER,
      text,
    };
    if (entities) message.entities = entities;
    if (markup && 'inline_keyboard' in markup) message.reply_markup = markup;
    if (editDate) message.edit_date = editDate;
    return message;
  }

  // Delivers a user update to the bot's webhook, if it set one, with the secret_token it gave
  // setWebhook (the package keeps that call's parameters per bot token in this.webhooks).
  async addUserUpdate(update) {
    const webhook = this.webhooks[update.botToken];
    if (!webhook) return super.addUserUpdate(update);
    const headers = webhook.secret_token
      ? { 'X-Telegram-Bot-Api-Secret-Token': webhook.secret_token }
      : {};
    try {
      await axios.post(webhook.url, TelegramServer.formatUpdate(update), { headers });
    } catch (error) {
      process.stderr.write(`webhook ${webhook.url} refused update ${this.updateId}: ${error}\n`);
    }
    this.updateId += 1;
    return undefined;
  }

  findBotMessage(chatId, messageId) {
    return this.storage.botMessages.find((item) => (
      String(item.messageId) === String(messageId)
      && String(item.message.chat_id) === String(chatId)));
  }

  addBotMessage(rawMessage, botToken) {
    super.addBotMessage(rawMessage, botToken);
    return this.toMessage(this.storage.botMessages[this.storage.botMessages.length - 1]);
  }

  // Applies an edit the way Telegram does: an edit without reply_markup drops the keyboard.
  applyEdit(body, field) {
    const item = this.findBotMessage(body.chat_id, body.message_id);
    if (!item) return null;
    const edit = TelegramServer.normalizeMessage({ ...body });
    const message = { ...item.message, edit_date: seconds(Date.now()) };
    if (field) message[field] = edit[field];
    if (edit.entities) message.entities = edit.entities;
    if (edit.parse_mode) message.parse_mode = edit.parse_mode;
    if (edit.reply_markup) message.reply_markup = edit.reply_markup;
    else delete message.reply_markup;
    item.message = message;
    this.emit('EditedMessageText');
    return this.toMessage(item);
  }
}

const originalFormatUpdate = TelegramServer.formatUpdate;
TelegramServer.formatUpdate = (update) => {
  if (update.pollAnswer) return { update_id: update.updateId, poll_answer: update.pollAnswer };
  const formatted = originalFormatUpdate(update);
  if (formatted.callback_query) {
    const { message } = formatted.callback_query;
    formatted.callback_query.chat_instance = update.callbackQuery.chat_instance
      || String(message ? message.chat.id : update.callbackQuery.from.id);
  } else if (formatted.message) {
    delete formatted.message.botToken;
  }
  return formatted;
};

function ok(res, result) {
  res.json({ ok: true, result });
}

function badRequest(res, description) {
  res.status(400).json({ ok: false, error_code: 400, description: `Bad Request: ${description}` });
}

// A counter of bot messages sent or edited, and the requests waiting for it to move.
function changeTracker(server) {
  const waiters = new Set();
  const tracker = { version: 0 };
  const bump = () => {
    tracker.version += 1;
    const ready = [...waiters];
    waiters.clear();
    ready.forEach((wake) => wake());
  };
  server.on('AddedBotMessage', bump);
  server.on('EditedMessageText', bump);
  tracker.wait = (after, timeoutMs, reply) => {
    if (tracker.version > after) return reply(tracker.version);
    const wake = () => {
      clearTimeout(timer);
      waiters.delete(wake);
      reply(tracker.version);
    };
    const timer = setTimeout(wake, timeoutMs);
    waiters.add(wake);
    return undefined;
  };
  return tracker;
}

// Bot calls answered with an error for a while, as Telegram does when flooded or failing.
function faultInjector() {
  const fault = { methods: new Set(), until: 0, status: 0, retryAfter: 0, refused: 0 };
  const set = (body) => {
    const refused = fault.refused;
    fault.methods = new Set(body.methods || []);
    fault.status = Number(body.status || 0);
    fault.retryAfter = Number(body.retry_after || 0);
    fault.until = Date.now() + Number(body.seconds || 0) * 1000;
    fault.refused = 0;
    return refused;
  };
  const middleware = (req, res, next) => {
    const found = /^\/bot[^/]+\/([A-Za-z]+)$/.exec(req.path);
    if (!found || !fault.methods.has(found[1]) || Date.now() >= fault.until) return next();
    fault.refused += 1;
    if (fault.status === 429) {
      return res.status(429).json({
        ok: false,
        error_code: 429,
        description: `Too Many Requests: retry after ${fault.retryAfter}`,
        parameters: { retry_after: fault.retryAfter },
      });
    }
    return res.status(fault.status).json({
      ok: false, error_code: fault.status, description: 'Bad Gateway',
    });
  };
  return { set, middleware };
}

function buildApp(server) {
  const app = express();
  const changes = changeTracker(server);
  const faults = faultInjector();
  const files = new Map();
  app.use(express.json({ limit: '50mb' }));
  app.use(express.urlencoded({ extended: true }));
  app.use(faults.middleware);

  app.post('/rig/fail', (req, res) => ok(res, faults.set(req.body)));
  app.post('/rig/putFile', (req, res) => {
    const content = Buffer.from(req.body.content || '', 'base64');
    const fileId = `file-${files.size + 1}`;
    files.set(fileId, content);
    ok(res, { file_id: fileId, file_unique_id: `u${fileId}`, file_size: content.length });
  });
  app.all('/bot:token/getFile', (req, res) => {
    const content = files.get(String(req.body.file_id));
    if (!content) return badRequest(res, 'wrong file_id or the file is temporarily unavailable');
    return ok(res, {
      file_id: req.body.file_id,
      file_unique_id: `u${req.body.file_id}`,
      file_size: content.length,
      file_path: `documents/${req.body.file_id}`,
    });
  });
  app.get('/file/bot:token/documents/:fileId', (req, res) => {
    const content = files.get(req.params.fileId);
    if (!content) return res.status(404).end();
    return res.type('application/octet-stream').send(content);
  });

  app.post('/rig/waitBotChange', (req, res) => {
    const after = Number(req.body.after ?? -1);
    const timeoutMs = Math.min(Number(req.body.timeout_ms ?? 1000), 10000);
    changes.wait(after, timeoutMs, (version) => ok(res, version));
  });

  app.post('/rig/webhook', (req, res) => ok(res, server.webhooks[req.body.token] || null));

  app.all('/bot:token/getMe', (_req, res) => ok(res, BOT_USER));
  app.all('/bot:token/answerCallbackQuery', (_req, res) => ok(res, true));
  for (const method of ALWAYS_TRUE) {
    app.all(`/bot:token/${method}`, (_req, res) => ok(res, true));
  }
  app.all('/bot:token/getMyCommands', (_req, res) => ok(res, []));
  app.all('/bot:token/editMessageText', (req, res) => {
    if (req.body.inline_message_id) return ok(res, true);
    const message = server.applyEdit(req.body, 'text');
    return message ? ok(res, message) : badRequest(res, 'message to edit not found');
  });
  app.all('/bot:token/editMessageReplyMarkup', (req, res) => {
    if (req.body.inline_message_id) return ok(res, true);
    const message = server.applyEdit(req.body, null);
    return message ? ok(res, message) : badRequest(res, 'message to edit not found');
  });
  app.all('/bot:token/sendPoll', (req, res) => {
    const body = req.body;
    const parse = (value) => (typeof value === 'string' ? JSON.parse(value) : value);
    const options = (parse(body.options) || []).map((o) => (typeof o === 'string' ? o : o.text));
    const correct = parse(body.correct_option_ids)
      ?? (body.correct_option_id !== undefined ? [Number(body.correct_option_id)] : undefined);
    const message = server.addBotMessage(
      { chat_id: body.chat_id, text: body.question, correct_option_ids: correct },
      req.params.token,
    );
    // The stored item names its poll, so a rig user can answer it (/sendPollAnswer).
    server.storage.botMessages[server.storage.botMessages.length - 1].message.poll_id = (
      `poll-${message.message_id}`);
    delete message.text;
    message.poll = {
      id: `poll-${message.message_id}`,
      question: body.question,
      options: options.map((text, i) => ({ text, voter_count: 0, persistent_id: String(i) })),
      total_voter_count: 0,
      is_closed: false,
      is_anonymous: String(body.is_anonymous) !== 'false',
      type: body.type || 'regular',
      allows_multiple_answers: String(body.allows_multiple_answers) === 'true',
      allows_revoting: false,
      members_only: false,
    };
    if (body.correct_option_id !== undefined) {
      message.poll.correct_option_id = Number(body.correct_option_id);
    }
    return ok(res, message);
  });
  app.post('/sendPollAnswer', async (req, res) => {
    const { botToken, poll_id: pollId, user, option_ids: optionIds } = req.body;
    const pollAnswer = {
      poll_id: pollId,
      user,
      option_ids: optionIds,
      option_persistent_ids: optionIds.map(String),
    };
    await server.addUserUpdate({ ...server.getCommonFields(botToken), pollAnswer });
    return ok(res, null);
  });
  app.post('/sendCallback', (req, res) => {
    const { message_id: messageId, chat_id: chatId, ...callbackQuery } = req.body;
    if (messageId !== undefined) {
      const item = server.findBotMessage(chatId, messageId);
      if (!item) return badRequest(res, `no bot message ${messageId} in chat ${chatId}`);
      callbackQuery.message = server.toMessage(item);
    }
    server.addUserCallback(callbackQuery);
    return ok(res, null);
  });
  app.all('/bot:token/:method', (req, res, next) => {
    if (PACKAGE_METHODS.has(req.params.method)) return next();
    // 400, not 404: PTB reads a 404 as an invalid token.
    return badRequest(res, `${req.params.method} is not implemented by the emulator`);
  });
  app.use(server.webServer);
  return app;
}

async function main() {
  const port = Number(process.argv[2] || 0);
  const server = new RigServer({ host: HOST, port });
  const httpServer = http.createServer(buildApp(server));
  await new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, HOST, resolve);
  });
  process.stdout.write(`${JSON.stringify({ port: httpServer.address().port })}\n`);

  const stop = () => {
    httpServer.close(() => process.exit(0));
    httpServer.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
