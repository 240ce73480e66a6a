"""Advice on what the owner said: one or more items for each topic found in the answers.

The topics and their words are `flows/topics.py`; each item here names the topics that select
it (`topics=`), and the reason it gives for each is in `flows/reasons.py` (`TOPIC_REASONS`).
"""

from __future__ import annotations

from flows.advice_library.rule import CONSUMERS, Rule, keys
from flows.i18n import N_

__all__ = ["RULES"]

RULES: tuple[Rule, ...] = (
    Rule(
        key="free_delivery_threshold",
        title=N_("Set free delivery just above the usual basket"),
        text=N_("Delivery costs put customers off at checkout. Your order value is known, so "
                "set free delivery from {threshold}: just above the usual basket, so most "
                "customers add one product instead of leaving."),
        action=N_("Set free delivery from {threshold} and say it in the header of the "
                  "shop."),
        priority=82,
        serves=keys("order_value"),
        topics=keys("shipping"),
        needs=keys("order_value"),
        unless=keys("offers_free_delivery"),
    ),
    Rule(
        key="delivery_clear",
        title=N_("Say the delivery cost and date up front"),
        text=N_("Delivery cost and time decide many orders. Show the cost and the expected "
                "date on every product page, offer {parcels}, and consider free delivery "
                "above a basket a little larger than the usual one."),
        action=N_("Show the delivery cost and expected date on every product page."),
        priority=72,
        topics=keys("shipping"),
        unless=keys("order_value", "offers_free_delivery"),
    ),
    Rule(
        key="price_value",
        title=N_("Compete on value, not on price"),
        text=N_("Price matters to your customers, and someone can always be cheaper. Show "
                "the value: the price per use, what is included, and what happens if it does "
                "not work. Keep discounts for returning customers, not for strangers."),
        action=N_("Add the price per use or what is included to your five most viewed "
                  "products."),
        priority=60,
        topics=keys("price"),
    ),
    Rule(
        key="discount_second_order",
        title=N_("Tie the discount to the second order"),
        text=N_("A discount on the first order teaches customers to wait for discounts. Give "
                "it as a voucher for the second order instead, valid for 30 days: it brings "
                "them back and costs only when it works."),
        action=N_("Replace the first-order discount with a 30-day voucher for the second "
                  "order."),
        priority=68,
        serves=keys("repeat"),
        topics=keys("discounts_strategy"),
        keeps=True,
    ),
    Rule(
        key="returns_fear",
        title=N_("Take away the fear of a wrong purchase"),
        text=N_("Customers afraid of choosing wrong do not buy at all. Add a size or choice "
                "guide, say the return terms next to the Buy button, and make a return "
                "simple: a ready label, a clear deadline, a quick refund."),
        action=N_("Put the return terms in one line next to the Buy button."),
        priority=74,
        topics=keys("returns"),
        sells_to=CONSUMERS,
        unless=keys("offers_returns", "durable"),  # no return label for a made-to-measure table
    ),
    Rule(
        key="big_purchase_fear",
        title=N_("Take away the fear of a big purchase"),
        text=N_("Customers who cannot see or touch a big piece before buying hesitate for "
                "weeks. Show it in real rooms with its exact measurements, offer a video call "
                "from your workshop or showroom, and say plainly what happens if it does not "
                "fit: an adjustment, an exchange or a return, and who pays for it."),
        action=N_("Add photos in real rooms with exact measurements, and one line on what "
                  "happens if it does not fit, to your five best-selling pieces."),
        priority=74,
        serves=keys("conversion"),
        topics=keys("returns"),
        sells_to=CONSUMERS,
        unless=keys("offers_returns"),
        needs=keys("durable"),
    ),
    Rule(
        key="trust_fraud",
        title=N_("Show that you are a real, safe shop"),
        text=N_("Customers who fear fraud look for proof before they pay. Show "
                "{trust_marks}, well-known payment methods ({payments}), a phone number that "
                "answers, and photos of your team or warehouse."),
        action=N_("Put your trust marks and a phone number in the footer and on the payment "
                  "page."),
        priority=77,
        topics=keys("trust"),
    ),
    Rule(
        key="samples",
        title=N_("Let them try before they commit"),
        text=N_("Your customers want to try first. Offer a sample or a small size, and "
                "count it toward the full product if they buy within 30 days."),
        action=N_("Offer a sample or small size with a voucher for the full product."),
        priority=66,
        topics=keys("samples"),
        unless=keys("offers_samples"),
    ),
    Rule(
        key="samples_follow_up",
        title=N_("Follow up every sample"),
        text=N_("You already send samples; a sample nobody asks about is a gift, one with a "
                "follow-up is a first order. A week after it arrives, ask how it went and "
                "offer the full product with a small reward that ends in 14 days."),
        action=N_("A week after each sample arrives, ask how it went and offer the full "
                  "product with a reward that ends in 14 days."),
        priority=69,
        serves=keys("conversion"),
        offers=keys("samples"),
    ),
    Rule(
        key="replenishment",
        title=N_("Remind them before it runs out"),
        text=N_("Your products run out, so the next order is predictable. Note how long a "
                "product lasts and send a reminder a few days before, with a one-click "
                "reorder; a subscription with a small saving suits those who buy every "
                "time."),
        action=N_("Send a reminder with a reorder link a few days before your best-seller "
                  "usually runs out."),
        priority=79,
        serves=keys("repeat"),
        topics=keys("replenishment"),
        sells_to=CONSUMERS,  # businesses get standing orders and reorder lists instead
        unless=keys("durable"),
        keeps=True,
    ),
    Rule(
        key="next_size",
        title=N_("Be there for the next size"),
        text=N_("Children grow out of what they wear, so the next order is due. Keep each "
                "order's size and the child's age, and send a short message with the next "
                "size up four to six months later."),
        action=N_("List last season's orders by size, and send their buyers the next size "
                  "up."),
        priority=76,
        serves=keys("repeat"),
        topics=keys("outgrow"),
        keeps=True,
    ),
    Rule(
        key="seasons",
        title=N_("Plan around your customers' calendar"),
        text=N_("Your customers buy around certain dates. Start talking to them two to three "
                "weeks before each one, with the gift or the ready set they will need, and "
                "stock up in time; put the next date in your calendar now."),
        action=N_("Put your customers' next big date in the calendar and plan the message "
                  "for three weeks before it."),
        priority=64,
        topics=keys("seasons", "gifts"),
        # Students' dates are the terms: `term_start` says it for them, not twice.
        unless=keys("students"),
        keeps=True,
    ),
    Rule(
        key="term_packs",
        title=N_("Sell your term offer before the term starts"),
        text=N_("What you already offer for each term is what students and parents need at "
                "its start ({terms}). Open pre-orders a month before, send last term's buyers "
                "what they need for their next term, and reward ordering early."),
        action=N_("Open pre-orders for next term's offer a month before it starts and send "
                  "it to last term's buyers."),
        priority=73,
        serves=keys("repeat"),
        offers=keys("term_buying"),  # a term offer, not any season
        topics=keys("students"),
        keeps=True,
    ),
    Rule(
        key="term_start",
        title=N_("Be ready for the start of term"),
        text=N_("Students and parents buy at the start of each term ({terms}). Prepare "
                "ready-made reading or supply lists per course or class, open pre-orders a "
                "month before, and remind last term's buyers."),
        action=N_("Open pre-orders for next term's reading or supply lists a month before "
                  "it starts."),
        priority=73,
        serves=keys("repeat"),
        topics=keys("students"),
        needs=keys("term_buying"),  # students among the customers are not enough
        unless=keys("offers_term_buying"),
        keeps=True,
    ),
    Rule(
        key="durable_next_piece",
        title=N_("Keep in touch between big purchases"),
        text=N_("What you sell lasts for years, so the same customer rarely buys it again "
                "soon; they can still buy the matching piece and send you others. A month "
                "after delivery, ask for a photo of it in place and a review, thank everyone "
                "who sends a friend, and write again when a matching piece is ready."),
        action=N_("A month after each delivery, ask for a photo of it in place and a "
                  "review, and thank them for any friend they send."),
        priority=75,
        topics=keys("durable"),
        keeps=True,
    ),
    Rule(
        key="reviews",
        title=N_("Let customers speak for you"),
        text=N_("Your customers decide by what others say. Ask for a review a week after "
                "delivery, with one click, show the reviews next to the price, and answer the "
                "critical ones politely."),
        action=N_("Send a one-click review request a week after every delivery."),
        priority=62,
        topics=keys("reviews"),
    ),
    Rule(
        key="expert",
        title=N_("Make your expertise visible"),
        text=N_("Your customers value expert advice. Offer a short free consultation or a "
                "questionnaire that recommends a product, sign your advice with a real "
                "name, and send it again after the purchase."),
        action=N_("Add a free short consultation or a product-choice quiz to your shop."),
        priority=67,
        topics=keys("expert"),
        unless=keys("offers_expert"),
    ),
    Rule(
        key="expert_after_sale",
        title=N_("Keep your expert in touch after the sale"),
        text=N_("Your expert advice sets you apart, so do not let it end at checkout. Two "
                "weeks after delivery, send a short note signed by your expert: how is it "
                "working, and what to use next. Advice after buying is what brings the next "
                "order."),
        action=N_("Two weeks after each delivery, send a note signed by your expert: how is "
                  "it working, and what comes next."),
        priority=67,
        serves=keys("repeat"),
        offers=keys("expert"),
        keeps=True,
    ),
    Rule(
        key="older_customers",
        title=N_("Make it easy for less practised shoppers"),
        text=N_("Older or less practised customers give up over small things. Use larger "
                "text and buttons, offer ordering by phone, and print clear instructions in "
                "the parcel."),
        action=N_("Add an order-by-phone number on every product page."),
        priority=65,
        topics=keys("older"),
    ),
    Rule(
        key="mobile_evening",
        title=N_("Be at your best on a phone in the evening"),
        text=N_("Your customers shop on their phones, often in the evening. Check that a "
                "purchase takes under a minute on a phone, send messages at that time, and "
                "answer questions in the evening too."),
        action=N_("Time your next newsletter or post for the evening and test checkout on a "
                  "phone."),
        priority=58,
        topics=keys("mobile"),
    ),
    Rule(
        key="busy",
        title=N_("Save them time"),
        text=N_("Your customers have little time. Offer ready-made sets, a short list of "
                "bestsellers and a reorder of the last basket; every click you save is a "
                "reason to come back."),
        action=N_("Create one ready-made set of the products most often bought together."),
        priority=57,
        topics=keys("busy"),
    ),
    Rule(
        key="content_reuse",
        title=N_("Turn your content into sales help"),
        text=N_("You plan content (videos, guides). Put each piece on the product page it "
                "is about and in the order confirmation, where it helps the customer use "
                "the product and come back."),
        action=N_("Link your best video or guide from the product page it is about."),
        priority=52,
        topics=keys("content"),
    ),
    Rule(
        key="loyalty",
        title=N_("A loyalty programme that rewards what you want"),
        text=N_("Reward what keeps customers: a second order, a review, a recommendation. "
                "Keep it simple enough to explain in one sentence, and measure whether its "
                "members buy more often."),
        action=N_("Write your loyalty programme in one sentence and check it rewards repeat "
                  "orders."),
        priority=50,
        serves=keys("repeat"),
        topics=keys("loyalty"),
        keeps=True,
    ),
)
