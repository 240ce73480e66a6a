"""The advice library, declared as data: conditions on an owner's profile → advice items.

Every item has conditions (all of its non-empty sets must match; one member of a set is
enough), a priority (higher first: the plan's three actions are the three highest that
matched) and its wording: a title, the advice, and one action for the next 30 days. The texts
may name what only this owner told: `{name}` (the persona's name), `{advantage}` (what only
the shop offers), `{threshold}` (a free-delivery threshold just above their order value),
`{today}`/`{target}` are not used here (the KPI table has them). Country-specific examples
(payment methods, parcel services, marketplaces, school terms) are msgids of their own
(`EXAMPLES`), so each language's catalog names its own country's (BLIK and InPost in Polish,
Shaparak gateways and e-Namad in Persian).

The content follows the two source texts: the Polish one's nine steps (and "track and measure
to refine the profile", friendly returns), and the Persian one's retention advice (experienced
and beginner customers, security, empowering customers, trust over attachment, cost against
benefit). How to add an item: docs/advice.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from flows.channels_metrics_stages import CHANNELS, METRICS
from flows.i18n import N_

__all__ = ["EXAMPLES", "KEEPING_BONUS", "RULES", "Kind", "Rule"]

#: How much higher an item on keeping customers ranks (`Rule.keeps`): an owner tried it and
#: found a plan of three first-sale fixes with the retention advice cut off below them.
KEEPING_BONUS = 10


class Kind(StrEnum):
    """Where an item is shown: among the advice, or as the tactic for one channel."""

    ADVICE = "advice"
    CHANNEL = "channel"


@dataclass(frozen=True)
class Rule:
    """One advice item and when it applies."""

    #: Stable identifier, for tests, analytics and "which advice is new" after a revisit.
    key: str
    title: str
    text: str
    #: The one thing to do in the next 30 days, when this item is among the top three.
    action: str
    #: Higher first; ties keep the library's order.
    priority: int
    kind: Kind = Kind.ADVICE
    #: Topics (`flows.topics.TOPICS`) found in any answer.
    topics: frozenset[str] = frozenset()
    #: Buying stages: "discovering", "comparing", "ready", "repeat".
    stages: frozenset[str] = frozenset()
    #: Channels (`flows.channels_metrics_stages.CHANNELS`) the customers use.
    channels: frozenset[str] = frozenset()
    #: Who the shop sells to: "consumers", "businesses" (an owner selling to both has both).
    sells_to: frozenset[str] = frozenset()
    #: Segments: "experienced", "beginner" (a mix has both).
    segments: frozenset[str] = frozenset()
    #: Metrics (`flows.channels_metrics_stages.METRICS`) the owner tracks.
    metrics: frozenset[str] = frozenset()
    #: Facts the text needs: "advantage" (the owner named what only they offer),
    #: "order_value" (their average order value is known).
    needs: frozenset[str] = frozenset()
    #: Topics or facts that make this item pointless: "offers_<topic>" when the owner's
    #: advantage already says it (free delivery, easy exchanges).
    unless: frozenset[str] = frozenset()
    #: True for general advice of the source texts that no answer selects (said so under it).
    for_every_shop: bool = False
    #: True for advice on keeping customers who already bought (the bot's purpose, after the
    #: Persian text): such items rank `KEEPING_BONUS` higher than their priority says.
    keeps: bool = False


def _set(*items: str) -> frozenset[str]:
    return frozenset(items)


CONSUMERS = _set("consumers")
#: Any channel, any metric: a condition met by every owner who named one.
ANY_CHANNEL = frozenset(CHANNELS)
ANY_METRIC = frozenset(METRICS)
BUSINESSES = _set("businesses")

#: Country-specific examples: one msgid each, so every language's catalog gives its own.
EXAMPLES: dict[str, str] = {
    # TRANSLATORS: payment methods customers in your country trust (Polish: BLIK…).
    "payments": N_("a card, PayPal and Apple Pay"),
    # TRANSLATORS: delivery options customers in your country know (Polish: InPost…).
    "parcels": N_("a tracked parcel or a pick-up point"),
    # TRANSLATORS: marks of a trustworthy shop in your country (Persian: e-Namad…).
    "trust_marks": N_("independent reviews (such as Trustpilot) and a full company address"),
    # TRANSLATORS: the big marketplaces of your country.
    "marketplaces": N_("Amazon or eBay"),
    # TRANSLATORS: the messaging apps shops use in your country.
    "messaging": N_("WhatsApp or Telegram"),
    # TRANSLATORS: when school and university terms start in your country.
    "terms": N_("September and January"),
}

RULES: tuple[Rule, ...] = (
    # --- what only the owner offers (the Persian text: shops look alike) -------------------
    Rule(
        key="promise",
        title=N_("Make your difference the promise"),
        text=N_("Many shops look alike, so customers compare on price unless you give them "
                "another reason. Yours: {advantage}. Put it in one sentence at the top of your "
                "home page, on every product page and in every order confirmation."),
        action=N_("Write your one-sentence promise and put it on the home page: {advantage}."),
        priority=80,
        needs=_set("advantage"),
    ),
    Rule(
        key="name_difference",
        title=N_("Name what only you offer"),
        text=N_("You did not say what only your shop offers, so customers can compare you on "
                "price alone. Ask your last ten happy customers why they chose you; the answer "
                "they repeat is your promise."),
        action=N_("Ask ten recent customers why they chose you, and write down the answer "
                  "they repeat."),
        priority=70,
        unless=_set("advantage"),
    ),
    # --- buying stage (the Polish text, step 4) ---------------------------------------------
    Rule(
        key="stage_discovering",
        title=N_("Teach before you sell"),
        text=N_("Customers who are only discovering their problem are not ready to compare "
                "shops. Meet them with a short guide or video that explains the problem and "
                "how to choose, and invite them to your newsletter rather than to the basket."),
        action=N_("Publish one short guide to the problem your customers discover, with a "
                  "newsletter sign-up under it."),
        priority=75,
        stages=_set("discovering"),
    ),
    Rule(
        key="stage_comparing",
        title=N_("Win the comparison"),
        text=N_("Customers comparing options open several shops side by side. Give them what "
                "makes comparing easy: a clear table of your products, the total price with "
                "delivery, real reviews and the return terms, all without scrolling."),
        action=N_("Add a comparison table (price with delivery, delivery time, returns) to "
                  "your three best-selling products."),
        priority=75,
        stages=_set("comparing"),
    ),
    Rule(
        key="stage_ready",
        title=N_("Take every obstacle out of checkout"),
        text=N_("Customers ready to buy leave over small obstacles: a forced account, a "
                "surprise delivery cost, a missing payment method. Offer {payments}, guest "
                "checkout and a delivery date before payment."),
        action=N_("Buy something in your own shop on a phone and remove the first obstacle "
                  "you meet."),
        priority=75,
        stages=_set("ready"),
    ),
    Rule(
        key="stage_repeat",
        title=N_("Make the second order the easy one"),
        text=N_("Customers who come back already trust you; they want speed. Offer a "
                "one-click reorder from the order history, remember their choices, and thank "
                "them by name."),
        action=N_("Send every customer of the last 90 days a reorder link for what they "
                  "bought."),
        priority=75,
        stages=_set("repeat"),
        sells_to=CONSUMERS,  # businesses get standing orders and reorder lists instead
        keeps=True,
    ),
    # --- business customers (a B2B track) ---------------------------------------------------
    Rule(
        key="b2b_standing_orders",
        title=N_("Offer standing orders and reorder lists"),
        text=N_("Businesses buy the same things again and again. Let each account save a "
                "reorder list and set up a standing order (weekly or monthly), and remind "
                "them before they usually run out."),
        action=N_("Set up a saved reorder list for your five biggest business customers and "
                  "send it to them."),
        priority=85,
        sells_to=BUSINESSES,
        keeps=True,
    ),
    Rule(
        key="b2b_invoices",
        title=N_("Invoices and payment terms without asking"),
        text=N_("Buyers in a company need an invoice with the company's details, and often "
                "payment terms (14 or 30 days) so they do not have to pay up front. Show both "
                "at checkout; an account that must ask for them may buy elsewhere."),
        action=N_("Add invoice details and payment on terms to checkout for registered "
                  "business accounts."),
        priority=78,
        sells_to=BUSINESSES,
        unless=_set("invoices"),
    ),
    Rule(
        key="invoices_asked",
        title=N_("Invoices and payment terms without asking"),
        text=N_("Buyers in a company need an invoice with the company's details, and often "
                "payment terms (14 or 30 days) so they do not have to pay up front. Show both "
                "at checkout; an account that must ask for them may buy elsewhere."),
        action=N_("Add invoice details and payment on terms to checkout for registered "
                  "business accounts."),
        priority=79,
        topics=_set("invoices"),
    ),
    Rule(
        key="b2b_named_contact",
        title=N_("Give every account a named contact"),
        text=N_("A business customer wants a person, not a form: one name, a direct phone "
                "number and an e-mail on every invoice. Trust weighs more than attachment, "
                "and a person who answers builds trust."),
        action=N_("Put a named contact with a direct number on every business invoice and "
                  "order confirmation."),
        priority=65,
        sells_to=BUSINESSES,
        keeps=True,
    ),
    Rule(
        key="b2b_quiet_accounts",
        title=N_("Notice accounts that go quiet"),
        text=N_("A business that stops ordering rarely says why. Each month, list the "
                "accounts whose usual order is more than two weeks late and call them: a "
                "problem heard early is a customer kept."),
        action=N_("List the accounts whose usual order is over two weeks late and call "
                  "three of them."),
        priority=70,
        sells_to=BUSINESSES,
        keeps=True,
    ),
    # --- what the owner said (topics found in the answers) ----------------------------------
    Rule(
        key="free_delivery_threshold",
        title=N_("Set free delivery just above the usual basket"),
        text=N_("Delivery costs put customers off at checkout. Your order value is known, so "
                "set free delivery from {threshold}: just above the usual basket, so most "
                "customers add one product instead of leaving."),
        action=N_("Set free delivery from {threshold} and say it in the header of the "
                  "shop."),
        priority=82,
        topics=_set("shipping"),
        needs=_set("order_value"),
        unless=_set("offers_free_delivery"),
    ),
    Rule(
        key="delivery_clear",
        title=N_("Say the delivery cost and date up front"),
        text=N_("Delivery cost and time decide many orders. Show the cost and the expected "
                "date on every product page, offer {parcels}, and consider free delivery "
                "above a basket a little larger than the usual one."),
        action=N_("Show the delivery cost and expected date on every product page."),
        priority=72,
        topics=_set("shipping"),
        unless=_set("order_value", "offers_free_delivery"),
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
        topics=_set("price"),
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
        topics=_set("discounts_strategy"),
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
        topics=_set("returns"),
        sells_to=CONSUMERS,
        unless=_set("offers_returns"),
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
        topics=_set("trust"),
    ),
    Rule(
        key="samples",
        title=N_("Let them try before they commit"),
        text=N_("Your customers want to try first. Offer a sample or a small size, and "
                "count it toward the full product if they buy within 30 days."),
        action=N_("Offer a sample or small size with a voucher for the full product."),
        priority=66,
        topics=_set("samples"),
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
        topics=_set("replenishment"),
        sells_to=CONSUMERS,  # businesses get standing orders and reorder lists instead
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
        topics=_set("outgrow"),
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
        topics=_set("seasons", "gifts"),
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
        topics=_set("students"),
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
        topics=_set("reviews"),
    ),
    Rule(
        key="expert",
        title=N_("Make your expertise visible"),
        text=N_("Your customers value expert advice. Offer a short free consultation or a "
                "questionnaire that recommends a product, sign your advice with a real "
                "name, and send it again after the purchase."),
        action=N_("Add a free short consultation or a product-choice quiz to your shop."),
        priority=67,
        topics=_set("expert"),
    ),
    Rule(
        key="older_customers",
        title=N_("Make it easy for less practised shoppers"),
        text=N_("Older or less practised customers give up over small things. Use larger "
                "text and buttons, offer ordering by phone, and print clear instructions in "
                "the parcel."),
        action=N_("Add an order-by-phone number on every product page."),
        priority=65,
        topics=_set("older"),
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
        topics=_set("mobile"),
    ),
    Rule(
        key="busy",
        title=N_("Save them time"),
        text=N_("Your customers have little time. Offer ready-made sets, a short list of "
                "bestsellers and a reorder of the last basket; every click you save is a "
                "reason to come back."),
        action=N_("Create one ready-made set of the products most often bought together."),
        priority=57,
        topics=_set("busy"),
    ),
    Rule(
        key="content_reuse",
        title=N_("Turn your content into sales help"),
        text=N_("You plan content (videos, guides). Put each piece on the product page it "
                "is about and in the order confirmation, where it helps the customer use "
                "the product and come back."),
        action=N_("Link your best video or guide from the product page it is about."),
        priority=52,
        topics=_set("content"),
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
        topics=_set("loyalty"),
        keeps=True,
    ),
    # --- the Persian text's retention advice, for everyone or by segment -------------------
    Rule(
        key="experienced",
        title=N_("Give experienced shoppers more"),
        text=N_("Experienced online shoppers expect advanced service: quick reorder, order "
                "history, detailed specifications, several ways to pay and ship. When the "
                "shop falls short they leave without a word, so ask them what they miss."),
        action=N_("Ask five experienced customers what they miss in your shop."),
        priority=58,
        segments=_set("experienced"),
        keeps=True,
    ),
    Rule(
        key="beginner",
        title=N_("Guide beginners step by step"),
        text=N_("Beginners give up after a simple technical problem, like a failed payment "
                "or a confusing form. Keep checkout simple, add short how-to guides and a "
                "visible way to ask for help: information and help when they need it can "
                "keep them."),
        action=N_("Add a visible help link (chat or phone) to the checkout page."),
        priority=64,
        segments=_set("beginner"),
        keeps=True,
    ),
    Rule(
        key="security",
        title=N_("Make security visible"),
        text=N_("Customers stay where they feel safe. Use a secure connection and payment "
                "providers they know ({payments}), say plainly what data you keep and why, "
                "and repeat it on the payment page."),
        action=N_("Write two lines on what data you keep and why, and put them on the "
                  "payment page."),
        priority=45,
        unless=_set("trust"),
        for_every_shop=True,
    ),
    Rule(
        key="empowerment",
        title=N_("Let customers decide"),
        text=N_("Involve customers in decisions: ask their opinion in a poll, let them "
                "review products, choose how they get their orders and how often they hear "
                "from you. People who feel heard keep buying."),
        action=N_("Ask your customers to vote on your next product or offer."),
        priority=44,
        channels=ANY_CHANNEL,  # asked where they already are
        keeps=True,
    ),
    Rule(
        key="trust_attachment",
        title=N_("Build trust, then attachment"),
        text=N_("Trust counts even more than attachment to a shop, so build both: honest "
                "descriptions, delivery dates you keep, and quick, personal answers that "
                "turn trust into attachment."),
        action=N_("Answer every customer question within a few hours for a month."),
        priority=42,
        for_every_shop=True,
        keeps=True,
    ),
    Rule(
        key="returns_friendly",
        title=N_("Make returns friendly"),
        text=N_("Online shoppers check the return policy before they buy. Make it generous "
                "and easy to find, and the return simple: a ready label, a clear deadline, a "
                "quick refund."),
        action=N_("Make your return policy one short paragraph, linked from every product "
                  "page."),
        priority=40,
        sells_to=CONSUMERS,
        unless=_set("returns"),
    ),
    # --- metrics (the Polish text, step 9: track, measure, refine) --------------------------
    Rule(
        key="metric_repeat",
        title=N_("Grow repeat purchases on purpose"),
        text=N_("You track repeat purchases. Find when a typical customer orders again, and "
                "send something useful a little before that day: a reminder, a tip, a "
                "voucher for the second order."),
        action=N_("Find the usual time between a first and a second order, and send a "
                  "message just before it."),
        priority=61,
        metrics=_set("repeat"),
        unless=_set("replenishment"),
        keeps=True,
    ),
    Rule(
        key="metric_order_value",
        title=N_("Raise the order value with sets"),
        text=N_("You track the order value. Offer sets of products bought together, and "
                "suggest one matching product in the basket, not five."),
        action=N_("When your best-seller is in the basket, suggest one product that goes "
                  "with it."),
        priority=54,
        metrics=_set("order_value"),
    ),
    Rule(
        key="metric_conversion",
        title=N_("Find where visitors drop out"),
        text=N_("You track conversion. Look at the step where most visitors leave (product "
                "page, basket, delivery, payment) and fix that one first."),
        action=N_("Find the checkout step where most visitors leave and fix that one."),
        priority=56,
        metrics=_set("conversion"),
    ),
    Rule(
        key="cost_benefit",
        title=N_("Weigh cost against benefit"),
        text=N_("Keeping customers should pay off. For each effort in this plan, compare "
                "what it costs with what returning customers bring, using the numbers you "
                "measure; drop what does not pay."),
        action=N_("Write down what each action of this plan costs, to compare with its "
                  "result in 30 days."),
        priority=35,
        metrics=ANY_METRIC,  # weighed with the numbers the owner tracks
    ),
    # --- one tactic per channel --------------------------------------------------------------
    Rule(
        key="channel_social",
        title=N_("Social media"),
        text=N_("Show the product in real use, share customers' photos (with their "
                "permission), and answer comments and messages within hours."),
        action=N_("Post one customer's real photo or story each week."),
        priority=30,
        kind=Kind.CHANNEL,
        channels=_set("social"),
    ),
    Rule(
        key="channel_email",
        title=N_("E-mail"),
        text=N_("A welcome series of three e-mails (who you are, how to choose, what others "
                "bought), then messages timed to when customers usually order again."),
        action=N_("Write a welcome series of three e-mails."),
        priority=30,
        kind=Kind.CHANNEL,
        channels=_set("email"),
    ),
    Rule(
        key="channel_search",
        title=N_("Blogs and search"),
        text=N_("One page for each question customers type into a search engine, answered "
                "honestly, with a link to the product that solves it."),
        action=N_("Write one page answering your customers' most common question."),
        priority=30,
        kind=Kind.CHANNEL,
        channels=_set("search"),
    ),
    Rule(
        key="channel_messaging",
        title=N_("Messaging apps"),
        text=N_("Use {messaging} for order updates and quick advice: a channel for news, "
                "and a chat that answers within the hour."),
        action=N_("Open a messaging channel for order updates and quick questions."),
        priority=30,
        kind=Kind.CHANNEL,
        channels=_set("messaging"),
    ),
    Rule(
        key="channel_linkedin",
        title=N_("LinkedIn"),
        text=N_("Post short cases of how a customer's team saved time or money, and write "
                "directly to the people who buy for their company."),
        action=N_("Post one customer case on LinkedIn and send it to five buyers."),
        priority=30,
        kind=Kind.CHANNEL,
        channels=_set("linkedin"),
    ),
    Rule(
        key="channel_marketplaces",
        title=N_("Marketplaces"),
        text=N_("On {marketplaces} customers meet you but belong to the marketplace. Put a "
                "card in every parcel that invites them to your own shop or newsletter, "
                "with a reason to come."),
        action=N_("Put a card in every marketplace parcel with a reason to visit your "
                  "shop."),
        priority=30,
        kind=Kind.CHANNEL,
        channels=_set("marketplaces"),
    ),
)
