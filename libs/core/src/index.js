"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.hello = hello;
function hello() { return 'hi'; }
//# sourceMappingURL=index.js.map