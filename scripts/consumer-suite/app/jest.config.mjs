// Plain ES modules, no transform: run with `node --experimental-vm-modules`, as jest's ESM support asks.
export default { testEnvironment: 'node', testMatch: ['<rootDir>/jest/**/*.test.mjs'], transform: {} };
