/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query CustomerOrders($customerId: String!, $first: Int = 3, $after: String) {\n  customer(customer_id: $customerId) {\n    name\n    tier\n    orders(first: $first, after: $after, reverse: true) {\n      edges {\n        node {\n          order_id\n          placed_at\n          status\n          total\n          product {\n            name\n            category\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}": typeof types.CustomerOrdersDocument,
    "query OrdersByStatus($customerId: String!, $status: OrderStatus!, $first: Int = 10, $after: String) {\n  orders(\n    customer_id: $customerId\n    filter: {status: {eq: $status}}\n    first: $first\n    after: $after\n  ) {\n    edges {\n      node {\n        order_id\n        placed_at\n        total\n        note\n        tags\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.OrdersByStatusDocument,
    "mutation PlaceOrder($input: CreateOrderInput!) {\n  createOrder(input: $input) {\n    order_id\n    status\n    placed_at\n    total\n    customer {\n      name\n    }\n    product {\n      name\n    }\n  }\n}": typeof types.PlaceOrderDocument,
    "query ProductsByCategory($category: ProductCategory!, $filter: ProductFilter) {\n  productsByCategory(category: $category, filter: $filter, first: 10) {\n    edges {\n      node {\n        product_id\n        name\n        price\n        in_stock\n        tags\n      }\n    }\n  }\n}": typeof types.ProductsByCategoryDocument,
    "mutation UpdateOrderStatus($customerId: String!, $orderId: String!, $status: OrderStatus!) {\n  updateOrder(\n    key: {customer_id: $customerId, order_id: $orderId}\n    input: {status: $status}\n  ) {\n    order_id\n    status\n  }\n}": typeof types.UpdateOrderStatusDocument,
};
const documents: Documents = {
    "query CustomerOrders($customerId: String!, $first: Int = 3, $after: String) {\n  customer(customer_id: $customerId) {\n    name\n    tier\n    orders(first: $first, after: $after, reverse: true) {\n      edges {\n        node {\n          order_id\n          placed_at\n          status\n          total\n          product {\n            name\n            category\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}": types.CustomerOrdersDocument,
    "query OrdersByStatus($customerId: String!, $status: OrderStatus!, $first: Int = 10, $after: String) {\n  orders(\n    customer_id: $customerId\n    filter: {status: {eq: $status}}\n    first: $first\n    after: $after\n  ) {\n    edges {\n      node {\n        order_id\n        placed_at\n        total\n        note\n        tags\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.OrdersByStatusDocument,
    "mutation PlaceOrder($input: CreateOrderInput!) {\n  createOrder(input: $input) {\n    order_id\n    status\n    placed_at\n    total\n    customer {\n      name\n    }\n    product {\n      name\n    }\n  }\n}": types.PlaceOrderDocument,
    "query ProductsByCategory($category: ProductCategory!, $filter: ProductFilter) {\n  productsByCategory(category: $category, filter: $filter, first: 10) {\n    edges {\n      node {\n        product_id\n        name\n        price\n        in_stock\n        tags\n      }\n    }\n  }\n}": types.ProductsByCategoryDocument,
    "mutation UpdateOrderStatus($customerId: String!, $orderId: String!, $status: OrderStatus!) {\n  updateOrder(\n    key: {customer_id: $customerId, order_id: $orderId}\n    input: {status: $status}\n  ) {\n    order_id\n    status\n  }\n}": types.UpdateOrderStatusDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CustomerOrders($customerId: String!, $first: Int = 3, $after: String) {\n  customer(customer_id: $customerId) {\n    name\n    tier\n    orders(first: $first, after: $after, reverse: true) {\n      edges {\n        node {\n          order_id\n          placed_at\n          status\n          total\n          product {\n            name\n            category\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}"): (typeof documents)["query CustomerOrders($customerId: String!, $first: Int = 3, $after: String) {\n  customer(customer_id: $customerId) {\n    name\n    tier\n    orders(first: $first, after: $after, reverse: true) {\n      edges {\n        node {\n          order_id\n          placed_at\n          status\n          total\n          product {\n            name\n            category\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OrdersByStatus($customerId: String!, $status: OrderStatus!, $first: Int = 10, $after: String) {\n  orders(\n    customer_id: $customerId\n    filter: {status: {eq: $status}}\n    first: $first\n    after: $after\n  ) {\n    edges {\n      node {\n        order_id\n        placed_at\n        total\n        note\n        tags\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query OrdersByStatus($customerId: String!, $status: OrderStatus!, $first: Int = 10, $after: String) {\n  orders(\n    customer_id: $customerId\n    filter: {status: {eq: $status}}\n    first: $first\n    after: $after\n  ) {\n    edges {\n      node {\n        order_id\n        placed_at\n        total\n        note\n        tags\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PlaceOrder($input: CreateOrderInput!) {\n  createOrder(input: $input) {\n    order_id\n    status\n    placed_at\n    total\n    customer {\n      name\n    }\n    product {\n      name\n    }\n  }\n}"): (typeof documents)["mutation PlaceOrder($input: CreateOrderInput!) {\n  createOrder(input: $input) {\n    order_id\n    status\n    placed_at\n    total\n    customer {\n      name\n    }\n    product {\n      name\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProductsByCategory($category: ProductCategory!, $filter: ProductFilter) {\n  productsByCategory(category: $category, filter: $filter, first: 10) {\n    edges {\n      node {\n        product_id\n        name\n        price\n        in_stock\n        tags\n      }\n    }\n  }\n}"): (typeof documents)["query ProductsByCategory($category: ProductCategory!, $filter: ProductFilter) {\n  productsByCategory(category: $category, filter: $filter, first: 10) {\n    edges {\n      node {\n        product_id\n        name\n        price\n        in_stock\n        tags\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateOrderStatus($customerId: String!, $orderId: String!, $status: OrderStatus!) {\n  updateOrder(\n    key: {customer_id: $customerId, order_id: $orderId}\n    input: {status: $status}\n  ) {\n    order_id\n    status\n  }\n}"): (typeof documents)["mutation UpdateOrderStatus($customerId: String!, $orderId: String!, $status: OrderStatus!) {\n  updateOrder(\n    key: {customer_id: $customerId, order_id: $orderId}\n    input: {status: $status}\n  ) {\n    order_id\n    status\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;