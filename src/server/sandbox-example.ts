// The operation Apollo Sandbox opens with (development and demo mode). A test validates it against the
// schema, so it never drifts from what the subgraph serves.
export const sandboxExample = `# The newest orders of the last 30 days from both shops.
# Buyer personal data is masked unless the request carries the orders:pii scope: Sandbox sends it in
# the header pre-filled below; remove the header to see the masked values.
query RecentOrders($first: Int = 10, $after: String) {
  orders(first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      __typename
      ... on OrderCommon {
        id
        source
        orderNumber
        status
        sourceStatus
        createdAt
        totalAmount {
          amount
          currency
        }
        buyerOpenid
        products {
          ... on ProductInfoCommon {
            title
            quantity
            unitPrice {
              amount
            }
          }
        }
        deliveryInfo {
          ... on DeliveryInfoCommon {
            recipientName
            phone
            province
            city
            addressLine
          }
        }
      }
    }
  }
}
`;
