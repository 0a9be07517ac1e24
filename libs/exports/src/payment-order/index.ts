export {
  type Attestation,
  PAYMENT_ORDER_COLUMNS,
  paymentOrderCsv,
  paymentOrderDocument,
  paymentOrderFileName,
  type PaymentOrderLine,
  type PaymentOrderModel,
  renderAuszahlungsanordnung,
} from './payment-order';
export { PaymentOrderRepository, type PaymentOrderRow } from './payment-order.repository';
export { type PaymentOrderFormat, PaymentOrdersService } from './payment-orders.service';
