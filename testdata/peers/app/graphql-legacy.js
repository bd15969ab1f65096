'use strict';
// The older GraphQL over WebSocket protocol (subprotocol graphql-ws) of
// subscriptions-transport-ws: its own SubscriptionServer and SubscriptionClient,
// a query and a subscription of three values.
// usage: node graphql-legacy.js server|client PORT LOG.json
const [role, port, file] = [process.argv[2], +process.argv[3], process.argv[4]];
const log = require('./applog.js')(file, role);
const WebSocket = require('ws');
setTimeout(() => process.exit(0), 8000).unref();

const QUERY = '{ hello }';
const SUBSCRIPTION = 'subscription Count { count(to: 3) }';
if (role === 'server') {
  const { buildSchema, execute, subscribe } = require('graphql');
  const { SubscriptionServer } = require('subscriptions-transport-ws');
  const schema = buildSchema('type Query { hello: String } type Subscription { count(to: Int!): Int }');
  const rootValue = {
    hello: () => 'world',
    count: async function* (args) {
      for (let i = 1; i <= args.to; i++) {
        log.add('data', { data: { count: i } });
        yield { count: i };
      }
    },
  };
  const server = require('http').createServer();
  SubscriptionServer.create({ schema, execute, subscribe, rootValue }, { server, path: '/graphql' });
  server.listen(port, '127.0.0.1');
  setTimeout(() => process.exit(0), 6000);
} else {
  const { SubscriptionClient } = require('subscriptions-transport-ws');
  const client = new SubscriptionClient(`ws://127.0.0.1:${port}/graphql`, { reconnect: false }, WebSocket);
  log.add('start', { query: QUERY });
  client.request({ query: QUERY }).subscribe({
    next: (v) => log.add('received', { data: v.data }),
    error: (e) => { console.error(e); process.exit(1); },
    complete: () => {
      log.add('start', { query: SUBSCRIPTION, operationName: 'Count' });
      client.request({ query: SUBSCRIPTION, operationName: 'Count' }).subscribe({
        next: (v) => log.add('received', { data: v.data }),
        error: (e) => { console.error(e); process.exit(1); },
        complete: () => { client.close(); setTimeout(() => process.exit(0), 300); },
      });
    },
  });
}
