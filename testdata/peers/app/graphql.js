'use strict';
// GraphQL over WebSocket: graphql-ws's own server (useServer on ws) and its own client
// (protocol graphql-transport-ws): a query and a subscription that yields three values.
// usage: node graphql.js server|client PORT LOG.json
const [role, port, file] = [process.argv[2], +process.argv[3], process.argv[4]];
const log = require('./applog.js')(file, role);
const WebSocket = require('ws');
setTimeout(() => process.exit(0), 8000).unref();

const QUERY = '{ hello }';
const SUBSCRIPTION = 'subscription Count { count(to: 3) }';
if (role === 'server') {
  const { buildSchema } = require('graphql');
  const { useServer } = require('graphql-ws/lib/use/ws');
  const schema = buildSchema('type Query { hello: String } type Subscription { count(to: Int!): Int }');
  const roots = {
    query: { hello: () => 'world' },
    subscription: {
      count: async function* (args) {
        for (let i = 1; i <= args.to; i++) {
          log.add('next', { data: { count: i } });
          yield { count: i };
        }
      },
    },
  };
  const wss = new WebSocket.Server({ port, host: '127.0.0.1', path: '/graphql' });
  useServer({ schema, roots }, wss);
  setTimeout(() => process.exit(0), 6000);
} else {
  const { createClient } = require('graphql-ws');
  const client = createClient({ url: `ws://127.0.0.1:${port}/graphql`, webSocketImpl: WebSocket, lazy: false });
  log.add('subscribe', { query: QUERY });
  client.subscribe({ query: QUERY }, {
    next: (v) => log.add('received', { data: v.data }),
    error: (e) => { console.error(e); process.exit(1); },
    complete: () => {
      log.add('subscribe', { query: SUBSCRIPTION, operationName: 'Count' });
      client.subscribe({ query: SUBSCRIPTION, operationName: 'Count' }, {
        next: (v) => log.add('received', { data: v.data }),
        error: (e) => { console.error(e); process.exit(1); },
        complete: () => { client.dispose(); setTimeout(() => process.exit(0), 300); },
      });
    },
  });
}
