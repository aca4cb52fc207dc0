// A CommonJS module of the app, typechecked under NodeNext: TypeScript types require() of the ES module packages.
import core = require('@cardgw/core');
import memory = require('@cardgw/adapter-memory');

const issuer = memory.createMemoryIssuer();
issuer.cards.create({ binId: '491653', amount: core.usd(25) }).then((card) => {
  console.log(`CommonJS (typed require): ${card.id} holds ${core.formatMoney(card.balance)}`);
});
