//! Each question of the default site's wizards: given these answers, the next node is X.

mod common;

use common::flow;
use tarif_engine::wizard::ServiceStatus;

fn en(t: &tarif_engine::text::Text) -> String {
    t.get(&tarif_engine::text::Lang::new("en").unwrap())
        .unwrap_or_default()
        .to_owned()
}

mod withdrawal {
    use super::*;

    fn ready() -> common::Flow {
        flow("withdrawal")
            .answer("received", "2026-11-01")
            .answer("product", "device")
            .answer("payment-document", "yes")
            .answer("complete", "yes")
            .answer("data-removed", "yes")
    }

    #[test]
    fn the_first_question_is_the_date_of_receipt() {
        flow("withdrawal").assert_next("received");
    }

    #[test]
    fn received_on_1_november_asked_on_15_november_can_withdraw() {
        let f = ready().answer("defective", "no").today("2026-11-15");
        f.assert_next("can-withdraw");
    }

    /// The 14th day after 1 November 2026 is Sunday 15 November: the period ends on
    /// Monday 16 November (Reg. 1182/71 art. 3(4); ZZD art. 72(2)).
    #[test]
    fn received_on_1_november_asked_on_16_november_can_still_withdraw() {
        let f = ready().answer("defective", "no").today("2026-11-16");
        f.assert_next("can-withdraw");
    }

    #[test]
    fn received_on_1_november_asked_on_17_november_cannot() {
        let f = flow("withdrawal")
            .today("2026-11-17")
            .answer("received", "2026-11-01");
        let f = f.assert_next("too-late");
        assert_eq!(f.outcome().verdict, "no");
        assert_eq!(f.outcome().dates[0].date.to_string(), "2026-11-16");
    }

    #[test]
    fn the_last_day_is_the_day_of_receipt_plus_14_days_moved_to_a_working_day() {
        let f = ready().answer("defective", "no");
        let o = f.outcome();
        assert_eq!(o.dates[0].id, "last-day");
        assert_eq!(o.dates[0].date.to_string(), "2026-11-16");
        assert_eq!(
            en(&o.title),
            "Yes: you can withdraw from the purchase until 16 November 2026"
        );
        let lang = tarif_engine::text::Lang::new("en").unwrap();
        let (country, deadline) = o.dates[0].working_days.unwrap();
        let note = deadline.explain(country, &lang).unwrap();
        assert!(
            note.contains("15 November 2026, but that is a Sunday"),
            "{note}"
        );
    }

    #[test]
    fn a_period_ending_on_a_working_day_does_not_move() {
        // Received on 2 November: the 14th day is Monday 16 November.
        let f = ready()
            .answer("received", "2026-11-02")
            .answer("defective", "no")
            .today("2026-11-16");
        assert_eq!(f.outcome().dates[0].date.to_string(), "2026-11-16");
        let f = flow("withdrawal")
            .today("2026-11-17")
            .answer("received", "2026-11-02");
        f.assert_next("too-late");
    }

    #[test]
    fn a_period_ending_on_orthodox_good_friday_2026_ends_on_tuesday_after_easter() {
        // Received 27 March 2026: the 14th day is Good Friday, 10 April; then Holy
        // Saturday, Easter Sunday and Easter Monday: the last day is 14 April.
        let f = ready()
            .answer("received", "2026-03-27")
            .answer("defective", "no")
            .today("2026-04-14");
        let f = f.assert_next("can-withdraw");
        assert_eq!(f.outcome().dates[0].date.to_string(), "2026-04-14");
        flow("withdrawal")
            .today("2026-04-15")
            .answer("received", "2026-03-27")
            .assert_next("too-late");
    }

    #[test]
    fn within_the_period_the_product_is_asked() {
        flow("withdrawal")
            .answer("received", "2026-11-15")
            .assert_next("product");
    }

    #[test]
    fn in_ear_headphones_ask_whether_they_were_unsealed() {
        let f = flow("withdrawal")
            .answer("received", "2026-11-10")
            .answer("product", "in-ear")
            .assert_next("unsealed");
        let f = f.answer("unsealed", "yes").assert_next("in-ear-unsealed");
        assert!(
            f.outcome()
                .citations
                .iter()
                .any(|c| c.page == "withdrawal" && c.anchor == "in-ear-headphones")
        );
    }

    #[test]
    fn sealed_headphones_go_on_to_the_payment_document() {
        flow("withdrawal")
            .answer("received", "2026-11-10")
            .answer("product", "in-ear")
            .answer("unsealed", "no")
            .assert_next("payment-document");
    }

    #[test]
    fn a_device_goes_on_to_the_payment_document_then_the_complete_set_then_the_data() {
        let f = flow("withdrawal")
            .answer("received", "2026-11-10")
            .answer("product", "device")
            .assert_next("payment-document");
        let f = f.answer("payment-document", "yes").assert_next("complete");
        f.answer("complete", "yes").assert_next("data-removed");
    }

    #[test]
    fn any_unmet_condition_ends_in_conditions_not_met_with_each_reason() {
        let f = flow("withdrawal")
            .answer("received", "2026-11-10")
            .answer("product", "device")
            .answer("payment-document", "no")
            .answer("complete", "yes")
            .answer("data-removed", "no")
            .assert_next("conditions-not-met");
        let reasons = f.reasons_en();
        assert!(reasons[0].starts_with("You have no payment document"));
        assert!(reasons[1].starts_with("Your software and personal data"));
        assert_eq!(reasons.len(), 3, "{reasons:?}");
    }

    #[test]
    fn all_conditions_met_asks_whether_the_device_is_defective() {
        ready().assert_next("defective");
    }

    #[test]
    fn the_client_pays_the_return_unless_the_device_is_defective() {
        let pays = ready().answer("defective", "no").reasons_en();
        assert!(pays.contains(&"You pay the direct costs of returning the device.".to_owned()));
        let free = ready().answer("defective", "yes").reasons_en();
        assert!(
            free.iter()
                .any(|r| r.contains("you do not pay the costs of returning it"))
        );
        assert!(!free.iter().any(|r| r.starts_with("You pay")));
    }

    #[test]
    fn the_outcome_links_to_the_withdrawal_form() {
        let o = ready().answer("defective", "no").outcome();
        assert!(
            o.citations
                .iter()
                .any(|c| c.page == "withdrawal" && c.anchor == "withdrawal-form")
        );
    }
}

mod warranty {
    use super::*;

    fn clean(device: &str) -> common::Flow {
        flow("warranty")
            .answer("bought-here", "yes")
            .answer("warranty-running", "yes")
            .answer("device", device)
            .answer("soiled", "no")
            .answer("damage", "none")
            .answer("exposure", "none")
            .answer("seals", "no")
            .answer("opened", "no")
            .answer("handling", "no")
            .answer("software", "no")
            .answer("consumables", "no")
            .answer("serial", "no")
    }

    fn accepted(f: common::Flow) -> common::Flow {
        f.answer("protection", "yes")
            .answer("client", "business")
            .assert_next("likely-accepted")
    }

    /// Up to the damage question, with a running warranty.
    fn to_damage(device: &str) -> common::Flow {
        flow("warranty")
            .answer("bought-here", "yes")
            .answer("warranty-running", "yes")
            .answer("device", device)
            .answer("soiled", "no")
    }

    fn items(f: &common::Flow) -> Vec<String> {
        f.outcome().quote.iter().map(|q| q.item.clone()).collect()
    }

    #[test]
    fn a_device_bought_elsewhere_is_not_covered_by_this_procedure() {
        flow("warranty")
            .assert_next("bought-here")
            .answer("bought-here", "no")
            .assert_next("not-bought-here");
    }

    #[test]
    fn the_questions_come_in_order() {
        let f = flow("warranty")
            .answer("bought-here", "yes")
            .assert_next("warranty-running");
        let f = f.answer("warranty-running", "yes").assert_next("device");
        let f = f.answer("device", "laptop").assert_next("soiled");
        let f = f.answer("soiled", "no").assert_next("damage");
        let f = f.answer("damage", "none").assert_next("exposure");
        let f = f.answer("exposure", "none").assert_next("seals");
        let f = f.answer("seals", "no").assert_next("opened");
        let f = f.answer("opened", "no").assert_next("handling");
        let f = f.answer("handling", "no").assert_next("software");
        let f = f.answer("software", "no").assert_next("consumables");
        let f = f.answer("consumables", "no").assert_next("serial");
        let f = f.answer("serial", "no").assert_next("protection");
        let f = f.answer("protection", "yes").assert_next("client");
        let f = f.answer("client", "consumer").assert_next("repairs");
        f.answer("repairs", "0").assert_next("likely-accepted");
    }

    #[test]
    fn an_ended_warranty_means_no_warranty_service() {
        let f = flow("warranty")
            .answer("bought-here", "yes")
            .answer("warranty-running", "no")
            .assert_next("warranty-ended");
        assert_eq!(f.outcome().verdict, "not-covered");
        assert!(
            f.outcome()
                .next_steps
                .iter()
                .any(|s| en(s).contains("out-of-warranty repair"))
        );
    }

    #[test]
    fn not_sure_of_the_warranty_goes_on_and_likely_accepted_says_it_was_not_checked() {
        let f = flow("warranty")
            .answer("bought-here", "yes")
            .answer("warranty-running", "not-sure")
            .assert_next("device");
        let f = accepted(
            f.answer("device", "laptop")
                .answer("soiled", "no")
                .answer("damage", "none")
                .answer("exposure", "none")
                .answer("seals", "no")
                .answer("opened", "no")
                .answer("handling", "no")
                .answer("software", "no")
                .answer("consumables", "no")
                .answer("serial", "no"),
        );
        assert!(
            f.reasons_en()
                .iter()
                .any(|r| r.starts_with("Not checked: whether the warranty period"))
        );
    }

    #[test]
    fn likely_accepted_names_what_was_not_checked() {
        let f = accepted(clean("laptop"));
        let reasons = f.reasons_en();
        let last = reasons.last().unwrap();
        assert!(
            last.starts_with("Not checked here: the terms of the manufacturer's own warranty"),
            "{last}"
        );
        assert!(
            f.outcome()
                .citations
                .iter()
                .any(|c| c.anchor == "manufacturer-terms")
        );
    }

    #[test]
    fn each_outside_agent_of_section_iii_is_asked_and_refused() {
        for (question, option) in [
            ("damage", "impact"),
            ("damage", "mechanical"),
            ("exposure", "environment"),
            ("exposure", "intrusion"),
            ("exposure", "shock"),
        ] {
            let mut f = to_damage("laptop");
            if question == "exposure" {
                f = f.answer("damage", "none").assert_next("exposure");
            }
            let f = f.answer(question, option).assert_next("likely-refused");
            assert!(
                f.outcome()
                    .citations
                    .iter()
                    .any(|c| c.anchor == "mechanical-damage"),
                "{option}"
            );
        }
    }

    #[test]
    fn incorrect_transport_storage_use_or_maintenance_is_a_ground() {
        let f = clean("laptop")
            .answer("handling", "yes")
            .assert_next("likely-refused");
        assert!(f.outcome().citations.iter().any(|c| c.anchor == "ground-1"));
    }

    /// III.1: "дефекти в следствие на … нелицензиран софтуер, включително … неоторизирани
    /// модификации на вградения софтуер": refused only when the defect may come from it.
    #[test]
    fn software_is_a_ground_only_when_the_defect_may_come_from_it() {
        let f = clean("laptop")
            .answer("software", "may-cause")
            .assert_next("likely-refused");
        assert!(f.outcome().citations.iter().any(|c| c.anchor == "ground-1"));
        let f = clean("laptop")
            .answer("software", "unrelated")
            .assert_next("protection");
        let f = accepted(f);
        assert!(
            f.reasons_en()
                .iter()
                .any(|r| r.contains("nothing to do with the software"))
        );
    }

    /// III.1: "Дефекти, дължащи се на използване на … неоригинални консумативи": causal.
    #[test]
    fn consumables_are_a_ground_only_when_the_defect_may_come_from_them() {
        let f = clean("desktop")
            .answer("consumables", "may-cause")
            .assert_next("likely-refused");
        assert!(
            f.outcome()
                .citations
                .iter()
                .any(|c| c.anchor == "consumables")
        );
        let f = accepted(
            clean("desktop")
                .answer("consumables", "unrelated")
                .assert_next("protection"),
        );
        assert!(
            f.reasons_en()
                .iter()
                .any(|r| r.contains("nothing to do with the non-original consumables"))
        );
    }

    /// Term 13: "Съгласно ЗЗП, клиентът може…": the site's reading (a consumer's right) is
    /// marked as such for a business.
    #[test]
    fn for_a_business_the_refund_after_three_repairs_is_marked_as_the_sites_reading() {
        let f = accepted(clean("laptop"));
        let reasons = f.reasons_en();
        assert!(
            reasons
                .iter()
                .any(|r| r.contains("this site reads it as a consumer's right")),
            "{reasons:?}"
        );
        assert!(f.outcome().citations.iter().any(|c| c.anchor == "term-13"));
    }

    #[test]
    fn liquid_damage_is_refused_under_section_iii_with_the_laptop_diagnostics_fee() {
        let f = to_damage("laptop")
            .answer("damage", "liquid")
            .assert_next("likely-refused");
        assert_eq!(items(&f), ["laptop-diagnostics"]);
        assert!(f.outcome().citations.iter().any(|c| c.anchor == "ground-2"));
    }

    #[test]
    fn each_ground_of_section_iii_ends_in_likely_refused_naming_it() {
        for (question, anchor) in [
            ("seals", "stickers-and-seals"),
            ("opened", "stickers-and-seals"),
            ("handling", "ground-1"),
            ("software", "ground-1"),
            ("consumables", "consumables"),
            ("serial", "serial-number"),
        ] {
            let mut f = to_damage("desktop")
                .answer("damage", "none")
                .answer("exposure", "none");
            for q in [
                "seals",
                "opened",
                "handling",
                "software",
                "consumables",
                "serial",
            ] {
                let choice = matches!(q, "software" | "consumables");
                let answer = match (q == question, choice) {
                    (true, true) => "may-cause",
                    (true, false) => "yes",
                    (false, _) => "no",
                };
                f = f.answer(q, answer);
                if q == question {
                    break;
                }
            }
            let f = f.assert_next("likely-refused");
            let o = f.outcome();
            assert!(o.citations.iter().any(|c| c.anchor == anchor), "{question}");
            assert_eq!(items(&f), ["desktop-diagnostics"], "{question}");
        }
    }

    #[test]
    fn heavy_soiling_adds_the_cleaning_fee_to_the_quote() {
        let f = flow("warranty")
            .answer("bought-here", "yes")
            .answer("warranty-running", "yes")
            .answer("device", "laptop")
            .answer("soiled", "yes")
            .answer("damage", "impact");
        assert_eq!(items(&f), ["laptop-diagnostics", "laptop-maintenance"]);
    }

    #[test]
    fn another_kind_of_device_has_no_fee_in_the_price_list() {
        let f = flow("warranty")
            .answer("bought-here", "yes")
            .answer("warranty-running", "yes")
            .answer("device", "other")
            .answer("soiled", "yes")
            .answer("damage", "mechanical");
        assert!(items(&f).is_empty());
        assert!(
            f.reasons_en()
                .iter()
                .any(|r| r.contains("not in the price list"))
        );
    }

    #[test]
    fn protection_left_on_means_remove_it_first() {
        clean("laptop")
            .answer("protection", "no")
            .assert_next("remove-protection");
    }

    #[test]
    fn a_consumer_gets_the_one_month_term_from_today() {
        let f = clean("laptop")
            .today("2026-01-31")
            .answer("protection", "yes")
            .answer("client", "consumer")
            .answer("repairs", "0")
            .assert_next("likely-accepted");
        let o = f.outcome();
        // 31 January + 1 month is 28 February, a Saturday: Monday 2 March (ZZD art. 72).
        assert_eq!(o.dates[0].date.to_string(), "2026-03-02");
        assert!(!f.reasons_en().iter().any(|r| r.contains("refund")));
    }

    #[test]
    fn after_three_repairs_a_consumer_may_claim_a_refund() {
        let f = clean("laptop")
            .answer("protection", "yes")
            .answer("client", "consumer")
            .answer("repairs", "3");
        assert!(f.reasons_en().iter().any(|r| r.contains("claim a refund")));
        let two = clean("laptop")
            .answer("protection", "yes")
            .answer("client", "consumer")
            .answer("repairs", "2");
        assert!(
            !two.reasons_en()
                .iter()
                .any(|r| r.contains("claim a refund"))
        );
    }

    #[test]
    fn a_business_is_not_asked_about_repairs_and_has_no_consumer_term() {
        let f = clean("desktop")
            .answer("protection", "yes")
            .answer("client", "business")
            .assert_next("likely-accepted");
        assert!(f.outcome().dates.is_empty());
        assert!(
            f.reasons_en()
                .iter()
                .any(|r| r.starts_with("As a business"))
        );
    }
}

mod comportal {
    use super::*;

    fn client(kind: &str, place: &str, maintenance: &str) -> common::Flow {
        flow("comportal")
            .answer("bought", "yes")
            .answer("warranty", "yes")
            .answer("client", kind)
            .answer("place", place)
            .answer("maintenance-done", maintenance)
            .answer("needed", "not-sure")
    }

    fn status(f: &common::Flow, item: &str) -> ServiceStatus {
        f.outcome()
            .services
            .iter()
            .find(|s| s.item == item)
            .unwrap_or_else(|| panic!("no {item}"))
            .status
    }

    #[test]
    fn the_questions_come_in_order() {
        let f = flow("comportal").assert_next("bought");
        let f = f.answer("bought", "yes").assert_next("warranty");
        let f = f.answer("warranty", "yes").assert_next("client");
        let f = f.answer("client", "individual").assert_next("place");
        let f = f.answer("place", "almaty").assert_next("maintenance-done");
        let f = f.answer("maintenance-done", "never").assert_next("needed");
        f.answer("needed", "maintenance").assert_next("services");
    }

    #[test]
    fn a_device_bought_elsewhere_gets_nothing_free() {
        let f = flow("comportal")
            .answer("bought", "no")
            .assert_next("not-a-client");
        let o = f.outcome();
        assert_eq!(o.services.len(), 10);
        assert!(
            o.services
                .iter()
                .all(|s| s.status == ServiceStatus::NotFree)
        );
        assert!(o.services.iter().all(|s| s.reasons.len() == 1));
    }

    #[test]
    fn i_dont_know_points_to_the_warranty_check() {
        let f = flow("comportal")
            .answer("bought", "yes")
            .answer("warranty", "dont-know")
            .assert_next("check-warranty");
        let o = f.outcome();
        let steps: Vec<String> = o.next_steps.iter().map(en).collect();
        assert!(steps[0].contains("http://www.comportal.kz/service_center/warranty"));
    }

    #[test]
    fn a_non_warranty_device_asks_about_the_sellers_warranty() {
        flow("comportal")
            .answer("bought", "yes")
            .answer("warranty", "no")
            .assert_next("seller-warranty");
    }

    #[test]
    fn without_any_warranty_nothing_is_free_nor_offered_for_a_fee() {
        let f = flow("comportal")
            .answer("bought", "yes")
            .answer("warranty", "no")
            .answer("seller-warranty", "no")
            .assert_next("not-a-warranty-device");
        assert!(
            f.outcome()
                .services
                .iter()
                .all(|s| s.status == ServiceStatus::NotFree)
        );
        assert!(
            f.reasons_en()
                .iter()
                .any(|r| r.contains("not offered otherwise"))
        );
    }

    /// The memo's (**): a non-warranty device may have the seller's warranty, and services
    /// 5 and 9 are free "в рамках действующей гарантии от производителя или продавца".
    #[test]
    fn under_the_sellers_warranty_a_legal_entity_gets_the_repair_on_site_and_the_collection() {
        let f = flow("comportal")
            .answer("bought", "yes")
            .answer("warranty", "no")
            .answer("seller-warranty", "yes")
            .assert_next("client");
        let f = f.answer("client", "legal-entity").assert_next("place");
        let f = f.answer("place", "almaty").assert_next("needed");
        let f = f
            .answer("needed", "not-sure")
            .assert_next("seller-warranty-services");
        assert_eq!(status(&f, "onsite-repair"), ServiceStatus::Free);
        assert_eq!(status(&f, "pickup-and-return"), ServiceStatus::Free);
        for other in [
            "sc-diagnostics-warranty-defect",
            "onsite-diagnostics",
            "transport-almaty",
            "maintenance",
            "software-restore",
        ] {
            assert_eq!(status(&f, other), ServiceStatus::NotFree, "{other}");
        }
    }

    #[test]
    fn under_the_sellers_warranty_an_individual_gets_no_visit() {
        let f = flow("comportal")
            .answer("bought", "yes")
            .answer("warranty", "no")
            .answer("seller-warranty", "yes")
            .answer("client", "individual")
            .answer("place", "almaty")
            .answer("needed", "not-sure");
        assert_eq!(status(&f, "onsite-repair"), ServiceStatus::NotApplicable);
    }

    #[test]
    fn an_individual_in_almaty_gets_the_centre_services_free_and_not_the_visits() {
        let f = client("individual", "almaty", "never");
        assert_eq!(status(&f, "sc-diagnostics-no-defect"), ServiceStatus::Free);
        assert_eq!(status(&f, "maintenance"), ServiceStatus::Free);
        assert_eq!(status(&f, "onsite-repair"), ServiceStatus::NotApplicable);
        assert_eq!(status(&f, "transport-almaty"), ServiceStatus::NotApplicable);
    }

    #[test]
    fn a_legal_entity_in_a_regional_city_gets_visits_and_transport_to_almaty() {
        let f = client("legal-entity", "regional-city", "never");
        assert!(
            f.outcome()
                .services
                .iter()
                .all(|s| s.status == ServiceStatus::Free)
        );
    }

    #[test]
    fn outside_the_city_of_an_office_there_are_no_visits() {
        let f = client("legal-entity", "region", "never");
        assert_eq!(
            status(&f, "pickup-and-return"),
            ServiceStatus::NotApplicable
        );
        assert_eq!(status(&f, "transport-almaty"), ServiceStatus::Free);
    }

    #[test]
    fn maintenance_done_in_the_last_12_months_is_not_free_by_either_rule() {
        let f = client("individual", "almaty", "recent");
        assert_eq!(status(&f, "maintenance"), ServiceStatus::NotFree);
        assert_eq!(status(&f, "software-restore"), ServiceStatus::Free);
    }

    /// The memo says "один раз в год" in its summary and "один раз за гарантийный период" in
    /// its description: maintenance done earlier in the same warranty period is free by one
    /// and not by the other, so the wizard says to confirm with the SC and cites both.
    #[test]
    fn maintenance_done_earlier_in_the_warranty_period_is_to_confirm_with_the_sc() {
        let f = client("individual", "almaty", "earlier");
        assert_eq!(status(&f, "maintenance"), ServiceStatus::Confirm);
        let o = f.outcome();
        let m = o.services.iter().find(|s| s.item == "maintenance").unwrap();
        let why = en(m.reasons.last().unwrap());
        assert!(why.contains("once a year") && why.contains("once per warranty period"));
        assert!(why.contains("confirm with the SC"), "{why}");
        let cited: Vec<String> = o
            .citations
            .iter()
            .map(|c| format!("{}#{}", c.page, c.anchor))
            .collect();
        assert!(
            cited.contains(&"services#maintenance".to_owned()),
            "{cited:?}"
        );
        assert!(
            cited.contains(&"extended-service#summary".to_owned()),
            "{cited:?}"
        );
    }

    #[test]
    fn maintenance_never_done_in_the_warranty_period_is_free() {
        let f = client("individual", "almaty", "never");
        assert_eq!(status(&f, "maintenance"), ServiceStatus::Free);
    }

    #[test]
    fn far_from_every_office_nothing_applies() {
        let f = client("legal-entity", "elsewhere", "never");
        assert!(
            f.outcome()
                .services
                .iter()
                .all(|s| s.status == ServiceStatus::NotApplicable)
        );
    }

    #[test]
    fn the_services_asked_for_come_first_and_are_marked() {
        let f = flow("comportal")
            .answer("bought", "yes")
            .answer("warranty", "yes")
            .answer("client", "individual")
            .answer("place", "almaty")
            .answer("maintenance-done", "never")
            .answer("needed", "software-restore,maintenance");
        let o = f.outcome();
        let first: Vec<(&str, bool)> = o
            .services
            .iter()
            .take(3)
            .map(|s| (s.item.as_str(), s.needed))
            .collect();
        assert_eq!(
            first,
            [
                ("maintenance", true),
                ("software-restore", true),
                ("sc-diagnostics-warranty-defect", false)
            ]
        );
    }
}
