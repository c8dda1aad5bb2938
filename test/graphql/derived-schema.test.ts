import type { GraphQLObjectType } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { belongsTo, buildSchema, hasMany } from "../../src/graphql/index.js";
import { defineModel, field, InvalidDefinition } from "../../src/index.js";
import { graphqlClient } from "../support/graphql.js";
import { useFreshTable } from "../support/storm.js";

// A member's profile is the constant-SK item of their partition; their visits sit beside it.
const Member = defineModel("Member", {
  member_id: field.string({ pk: true }),
  section: field.string({ sk: true, default: "PROFILE" }),
  name: field.string(),
}, { suffix: "MEMBER" });
const Visit = defineModel("Visit", {
  member_id: field.string({ pk: true }),
  visit_id: field.string({ sk: true, identifier: "V" }),
  guests: field.int(),
}, { suffix: "MEMBER" });
// No sk fields: one award per partition, found by winner through GSI1.
const Award = defineModel("Award", { award_id: field.string({ pk: true }), winner: field.string({ gsi: true }), title: field.string() });

const schema = buildSchema({
  models: [Member, Visit, Award],
  relations: {
    Visit: { member: belongsTo(Member) },
    Member: { visits: hasMany(Visit), awards: hasMany(Award, { index: true, fields: { winner: "member_id" } }) },
  },
});
const gql = graphqlClient(schema);
const rootFields = (type: "Query" | "Mutation") => (schema.getType(type) as GraphQLObjectType).getFields();

beforeAll(async () => {
  await useFreshTable();
  await Member.objects.create({ member_id: "m1", name: "Grace" });
  await Visit.objects.create({ member_id: "m1", visit_id: "2024-01", guests: 3 });
  await Award.objects.create({ award_id: "a1", winner: "m1", title: "Pioneer" });
});

describe("belongsTo a model with a constant sort key", () => {
  it("fills the key field the source lacks with the target's default, and reads the item", async () => {
    const response = await gql(`{ visit(member_id: "m1", visit_id: "2024-01") { guests member { name section } } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ visit: { guests: 3, member: { name: "Grace", section: "PROFILE" } } });
  });

  it("still refuses a key field that has neither a source field nor a fixed default", () => {
    const Room = defineModel("Room", { member_id: field.string({ pk: true }), room_id: field.string({ sk: true }) });
    expect(() => buildSchema({ models: [Visit, Room], relations: { Visit: { room: belongsTo(Room) } } })).toThrow(/Room\.room_id needs a field of Visit/);
    const Slot = defineModel("Slot", { member_id: field.string({ pk: true }), slot: field.string({ sk: true, default: () => "PROFILE" }) });
    expect(() => buildSchema({ models: [Visit, Slot], relations: { Visit: { slot: belongsTo(Slot) } } })).toThrow(/fixed default/);
  });
});

describe("models without sk fields", () => {
  it("get no plural list, whose partitions could hold only one: the single get and GSI1 list remain", () => {
    const fields = rootFields("Query");
    expect(fields.award).toBeDefined();
    expect(fields.awardsByWinner).toBeDefined();
    expect(fields.awards).toBeUndefined();
    expect(fields.members).toBeDefined();
  });

  it("are read many at a time through GSI1 by a hasMany", async () => {
    const response = await gql(`{ member(member_id: "m1", section: "PROFILE") { awards { nodes { title } } visits { nodes { visit_id } } } }`);
    expect(response.data).toEqual({ member: { awards: { nodes: [{ title: "Pioneer" }] }, visits: { nodes: [{ visit_id: "2024-01" }] } } });
  });

  it("refuse a hasMany in the parent's partition, which could only ever find one", () => {
    expect(() => buildSchema({ models: [Member, Award], relations: { Member: { award: hasMany(Award, { fields: { award_id: "member_id" } }) } } })).toThrow(/use hasOne\(Award\)/);
  });
});

describe("derived fields", () => {
  it("serve field.int as Int, filtered by IntFilter", async () => {
    const visit = schema.getType("Visit") as GraphQLObjectType;
    expect(String(visit.getFields().guests?.type)).toBe("Int!");
    const response = await gql(`{ visits(member_id: "m1", filter: { guests: { gte: 3 } }) { nodes { guests } } }`);
    expect(response.data).toEqual({ visits: { nodes: [{ guests: 3 }] } });
  });

  it("describe mutations with the right article", () => {
    const fields = rootFields("Mutation");
    expect(fields.createAward?.description).toMatch(/^Creates an Award;/);
    expect(fields.updateAward?.description).toMatch(/^Updates an Award;/);
    expect(fields.deleteMember?.description).toMatch(/^Deletes a Member;/);
  });
});

describe("model names", () => {
  // Last: the replacement takes over the name "Member" for the rest of this file.
  it("refuses two models of one name given together", () => {
    const Again = defineModel("Member", { member_id: field.string({ pk: true }) }, { replace: true });
    expect(() => buildSchema({ models: [Member, Again] })).toThrow(InvalidDefinition);
    expect(() => buildSchema({ models: [Member, Again] })).toThrow(/two models named "Member"/);
  });
});
