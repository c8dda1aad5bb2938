import { describe, expectTypeOf, it } from "vitest";
import type { GetItemArguments, JsonataMapping, PutItemArguments, StepFunctionsRequests, UpdateItemArguments } from "../../src/index.js";
import { Account, Doc } from "../support/stepfunctions.js";

// Only compiled: the calls below that must not compile would also throw when run.
describe("Model.stepFunctions types", () => {
  it("the mapping's keys are the model's fields; the requests are typed", () => {
    const sf = Account.stepFunctions({ org: "$states.input.org", num: "$states.input.n" });
    expectTypeOf(sf).toEqualTypeOf<StepFunctionsRequests<typeof Account.fields>>();
    expectTypeOf(sf.getItem).returns.toEqualTypeOf<GetItemArguments>();
    expectTypeOf(sf.putItem).returns.toEqualTypeOf<PutItemArguments>();
    expectTypeOf<keyof JsonataMapping<typeof Account.fields>>().toEqualTypeOf<keyof typeof Account.fields & string>();
    // @ts-expect-error not a field of Account
    expectTypeOf(() => Account.stepFunctions({ orgg: "$states.input.org" })).toBeFunction();
    // @ts-expect-error an expression is a string
    expectTypeOf(() => Account.stepFunctions({ num: 3 })).toBeFunction();
  });

  it("updateItem takes updatable fields only, null only for optional ones", () => {
    const sf = Account.stepFunctions({});
    expectTypeOf(() => sf.updateItem({ balance: "$states.input.b", note: null })).returns.toEqualTypeOf<UpdateItemArguments>();
    // @ts-expect-error key fields are not updatable
    expectTypeOf(() => sf.updateItem({ org: "'x'" })).toBeFunction();
    // @ts-expect-error a required field cannot be removed
    expectTypeOf(() => sf.updateItem({ balance: null })).toBeFunction();
    // @ts-expect-error the version field is written by every write itself
    expectTypeOf(() => Doc.stepFunctions({}).updateItem({ version: "1" })).toBeFunction();
  });
});
