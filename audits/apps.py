from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "audits"
    verbose_name = "Audits and learning reviews"

    def ready(self):
        register_evidence_owners()


def register_evidence_owners():
    """Files may be attached to an audit and to its findings by the business manager and the steering group."""
    from django.urls import reverse

    from accounts import access
    from audits.selectors import audit_for, finding_for
    from evidence import registry

    refusal = access.refusal(access.can_manage_audits)
    registry.register(
        registry.OwnerKind(
            slug="audit",
            model="audits.Audit",
            load=audit_for,
            may_attach=lambda membership, audit: access.can_manage_audits(membership)
            and audit.partnership_id == membership.partnership_id,
            refusal=refusal,
            page_url=lambda audit: reverse("audits:detail", args=[audit.pk]) + "#evidence",
            describe=lambda audit: (audit.get_kind_display(), audit.title),
        )
    )
    registry.register(
        registry.OwnerKind(
            slug="finding",
            model="audits.Finding",
            load=finding_for,
            may_attach=lambda membership, finding: access.can_manage_audits(membership)
            and finding.audit.partnership_id == membership.partnership_id
            and not finding.is_withdrawn,
            refusal=refusal,
            page_url=lambda finding: reverse("audits:detail", args=[finding.audit_id]) + f"#finding-{finding.pk}",
            describe=lambda finding: (finding.audit.title, f"{finding.get_kind_display()}: {finding.text[:300]}"),
        )
    )
