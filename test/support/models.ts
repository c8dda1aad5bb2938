import { defineModel, field } from "../../src/index.js";

/** The model of the Python library's own tests: several pk, sk and gsi fields. */
export const TestModel = defineModel("TestModel", {
  a_pk: field.string({ pk: true }),
  b_pk: field.string({ pk: true }),
  c_sk: field.string({ sk: true }),
  d_sk: field.string({ sk: true }),
  e_gsi: field.string({ gsi: true }),
  f_gsi: field.string({ gsi: true }),
  another_attribute: field.string({ optional: true }),
});

export const User = defineModel(
  "User",
  {
    user_id: field.string({ pk: true }),
    name: field.string(),
    status: field.enum(["active", "banned"], { default: "active" }),
  },
  { suffix: "USER" },
);

export const Order = defineModel(
  "Order",
  {
    user_id: field.string({ pk: true }),
    order_id: field.string({ sk: true, identifier: "O" }),
    amount: field.number(),
    note: field.string({ optional: true }),
    data: field.json({ optional: true }).$type<{ lines: { sku: string; qty: number }[] }>(),
    tags: field.list({ default: () => [] }).$type<string[]>(),
    type: field.string({ optional: true }),
  },
  { suffix: "USER" },
);
