// A CommonJS module of the app, typechecked under NodeNext: TypeScript types require() of the ES module packages.
import core = require('@cardgw/core');
import memory = require('@cardgw/adapter-memory');

// The root's type namespace through the same require(): an input typed as the port takes it.
const topUp: core.Cardgw.FundingInput = { amount: core.usd(5) };

const issuer = memory.createMemoryIssuer();
issuer.cards
  .create({ binId: '491653', amount: core.usd(25) })
  .then((card) => issuer.cards.fund(card.id, topUp).then((funding: core.Cardgw.CardFunding) => ({ card, funding })))
  .then(({ card, funding }) => {
    console.log(`CommonJS (typed require): ${card.id} holds ${core.formatMoney(funding.newBalance)}`);
  });
