// LogitLab's local API driven by real clients: the official openai package and ws.
// Run by dev.logitlab.api.OpenAiClientE2eTest with LOGITLAB_URL pointing at a server whose model is an
// n-gram counted from the Portuguese corpus. Each check prints "ok <name>"; any failure exits non-zero.
import OpenAI from 'openai';
import WebSocket from 'ws';
import assert from 'node:assert/strict';

const base = process.env.LOGITLAB_URL;
assert.ok(base, 'LOGITLAB_URL is not set');
const client = new OpenAI({ baseURL: `${base}/v1`, apiKey: 'not-needed-on-loopback' });

// the model the server lists is the one to ask for
const models = await client.models.list();
const model = models.data[0].id;
console.log(`ok models ${model}`);

// legacy completions with logprobs: " maçã" comes first among the top alternatives
const c = await client.completions.create({ model, prompt: 'eu gosto de comer', max_tokens: 1, temperature: 0, logprobs: 5 });
const top = Object.keys(c.choices[0].logprobs.top_logprobs[0]);
assert.equal(top[0], ' maçã', `top logprobs were ${JSON.stringify(c.choices[0].logprobs.top_logprobs[0])}`);
assert.equal(top.length, 5);
console.log(`ok logprobs ${JSON.stringify(top)}`);

// a streamed completion arrives in several chunks
const stream = await client.completions.create({ model, prompt: 'eu gosto', max_tokens: 6, temperature: 0, stream: true });
const chunks = [];
for await (const chunk of stream) chunks.push(chunk.choices[0].text);
assert.ok(chunks.filter((t) => t.length > 0).length >= 2, `chunks: ${JSON.stringify(chunks)}`);
console.log(`ok stream ${chunks.length} chunks ${JSON.stringify(chunks.join(''))}`);

// an unknown model is the client's NotFoundError, with our sentence
await assert.rejects(client.completions.create({ model: 'gpt-4', prompt: 'eu' }), (e) => e.status === 404 && /does not exist/.test(e.message));
console.log('ok unknown model 404');

// chat completions: a plain language model finishes the sentence the user's message began
const chat = await client.chat.completions.create({ model, temperature: 0, messages: [{ role: 'user', content: 'eu gosto de comer' }] });
assert.equal(chat.object, 'chat.completion');
assert.equal(chat.choices[0].message.role, 'assistant');
assert.ok(chat.choices[0].message.content.startsWith('eu gosto de comer maçã'), JSON.stringify(chat.choices[0]));
console.log(`ok chat ${JSON.stringify(chat.choices[0].message.content)} ${chat.choices[0].finish_reason}`);

// … and streamed, the deltas add up to the same message
const chatStream = await client.chat.completions.create({ model, temperature: 0, stream: true,
  messages: [{ role: 'user', content: 'eu gosto de comer' }] });
const deltas = [];
let finish = null;
for await (const chunk of chatStream) {
  assert.equal(chunk.object, 'chat.completion.chunk');
  deltas.push(chunk.choices[0].delta.content ?? '');
  finish = chunk.choices[0].finish_reason ?? finish;
}
assert.equal(deltas.join(''), chat.choices[0].message.content);
assert.equal(finish, chat.choices[0].finish_reason);
console.log(`ok chat stream ${deltas.length} chunks`);

// a chat without a user message is the client's BadRequestError
await assert.rejects(client.chat.completions.create({ model, messages: [{ role: 'system', content: 'hi' }] }),
  (e) => e.status === 400 && /role is user/.test(e.message));
console.log('ok chat 400');

// a WebSocket client receives step events while /treinar runs
const ws = new WebSocket(`${base.replace('http', 'ws')}/ws`);
await new Promise((resolve, reject) => { ws.on('open', resolve); ws.on('error', reject); });
const events = [];
const ended = new Promise((resolve) => ws.on('message', (data) => {
  const e = JSON.parse(data.toString());
  events.push(e);
  if (e.type === 'finished' || e.type === 'failed') resolve(e);
}));
const started = await fetch(`${base}/treinar`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ model: 'mlp', epochs: 2 }) });
assert.equal(started.status, 202);
const last = await ended;
assert.equal(last.type, 'finished', JSON.stringify(last));
const steps = events.filter((e) => e.type === 'step');
assert.ok(steps.length > 1, `events: ${events.length}`);
events.forEach((e, i) => assert.equal(e.seq, i + 1, 'an event was lost'));
console.log(`ok ws ${steps.length} steps, ${events.length} events`);
ws.close();
