"""The forms of the value records commands write: a plan, a user's profile, a theme, the
install's settings, a custom field, an auto responder, a design template.

Only the values given are sent (None leaves a setting as it is), each spelled as its command
reads it; secrets (a new password, the SMTP login, the S3 key) go out here and are never read
back."""

from __future__ import annotations

from pydantic import SecretStr

from mailgql.upstreams.oempro.commands._base import Form
from mailgql.upstreams.oempro.commands._form import (
    enabled_disabled,
    given,
    given_each,
    true_false,
    yes_no,
)
from mailgql.upstreams.oempro.write_values import (
    DeliveryValues,
    FieldSpec,
    PlanValues,
    ResponderSpec,
    SettingsChange,
    TemplateValues,
    ThemeValues,
    UserProfile,
)

__all__ = [
    "field_form",
    "plan_form",
    "profile_form",
    "responder_form",
    "settings_form",
    "template_form",
    "theme_form",
]


def _delivery(form: Form, values: DeliveryValues) -> None:
    """Add the send method and its settings given (a plan's or the install's)."""
    given_each(
        form,
        [
            ("SendMethod", values.send_method),
            ("SendMethodSMTPHost", values.smtp_host),
            ("SendMethodSMTPSecure", values.smtp_secure),
            ("SendMethodSMTPUsername", values.smtp_login_name),
            ("SendMethodLocalMTAPath", values.local_mta_path),
            ("SendMethodPowerMTAVMTA", values.powermta_vmta),
            ("SendMethodPowerMTADir", values.powermta_dir),
            ("SendMethodSaveToDiskDir", values.save_to_disk_dir),
        ],
        str,
    )
    given(form, "SendMethodSMTPPort", values.smtp_port)
    given(form, "SendMethodSMTPAuth", values.smtp_auth, true_false)
    given(form, "SendMethodSMTPPassword", values.smtp_login_secret, SecretStr.get_secret_value)


def plan_form(values: PlanValues) -> Form:
    """The form of a plan's values (``UserGroup.Create``/``Update``): the given ones only."""
    form: Form = []
    given(form, "GroupName", values.name)
    given(form, "RelThemeID", values.theme_id)
    given(form, "SubscriberAreaLogoutURL", values.subscriber_area_logout_url)
    given_each(
        form,
        [
            ("ForceUnsubscriptionLink", values.force_unsubscription_link),
            ("ForceRejectOptLink", values.force_reject_opt_link),
        ],
        enabled_disabled,
    )
    given(form, "Permissions", values.permissions, ",".join)
    given_each(
        form,
        [
            ("LimitSubscribers", values.limit_subscribers),
            ("LimitLists", values.limit_lists),
            ("LimitCampaignSendPerPeriod", values.limit_campaign_send_per_period),
            ("LimitEmailSendPerPeriod", values.limit_email_send_per_period),
            ("ThresholdImport", values.threshold_import),
            ("ThresholdEmailSend", values.threshold_email_send),
            ("TrialExpireSeconds", values.trial_expire_seconds),
            ("SendMethodSMTPTimeOut", values.smtp_timeout),
        ],
        str,
    )
    given(form, "TrialGroup", values.trial_group, yes_no)
    given_each(
        form,
        [
            ("PlainEmailHeader", values.plain_email_header),
            ("PlainEmailFooter", values.plain_email_footer),
            ("HTMLEmailHeader", values.html_email_header),
            ("HTMLEmailFooter", values.html_email_footer),
        ],
        str,
    )
    _delivery(form, values)
    return form


def profile_form(profile: UserProfile) -> Form:
    """The form of a user's profile (``User.Create``/``Update``): the given columns only."""
    form: Form = []
    given_each(
        form,
        [
            ("EmailAddress", profile.email),
            ("Username", profile.username),
            ("FirstName", profile.first_name),
            ("LastName", profile.last_name),
            # The v4 page spells it "Companyname"; names fold case, so send the sane one.
            ("CompanyName", profile.company_name),
            ("Website", profile.website),
            ("Street", profile.street),
            ("City", profile.city),
            ("State", profile.state),
            ("Zip", profile.zip_code),
            ("Country", profile.country),
            ("Phone", profile.phone),
            ("Fax", profile.fax),
            ("TimeZone", profile.timezone),
            ("Language", profile.language),
            ("ReputationLevel", profile.reputation),
        ],
        str,
    )
    given(form, "RelUserGroupID", profile.group_id)
    given(form, "AccountStatus", profile.enabled, enabled_disabled)
    given(form, "AvailableCredits", profile.available_credits)
    given(form, "Password", profile.password, SecretStr.get_secret_value)
    return form


def theme_form(values: ThemeValues) -> Form:
    """The form of a theme's values (``Theme.Create``/``Update``): the given ones only."""
    form: Form = []
    given_each(
        form,
        [
            ("Template", values.template),
            ("ThemeName", values.name),
            ("ProductName", values.product_name),
            ("ThemeSettings", values.settings),
        ],
        str,
    )
    return form


def settings_form(change: SettingsChange) -> Form:
    """The form of the install's settings (``Settings.Update``, ``Settings.EmailSendingTest``):
    the given ones only."""
    form: Form = []
    given_each(
        form,
        [
            ("SystemEmailFromName", change.system_from_name),
            ("SystemEmailFromEmail", change.system_from_email),
            ("SystemEmailReplyToName", change.system_reply_to_name),
            ("SystemEmailReplyToEmail", change.system_reply_to_email),
            ("AlertRecipientEmail", change.alert_recipient_email),
            ("ReportAbuseEmail", change.report_abuse_email),
            ("MediaUploadMethod", change.media_upload_method),
            ("S3Bucket", change.s3_bucket),
            ("S3AccessID", change.s3_access_id),
            ("S3URL", change.s3_url),
        ],
        str,
    )
    given(form, "LoadBalanceEmails", change.load_balance_emails)
    given(form, "LoadBalanceSleep", change.load_balance_sleep)
    given(form, "S3SecretKey", change.s3_secret_key, SecretStr.get_secret_value)
    _delivery(form, change)
    return form


def field_form(spec: FieldSpec) -> Form:
    """The form of a custom field's settings (``CustomField.Create``/``Update``), its options as
    the numbered ``OptionLabel``/``OptionValue`` arrays."""
    form: Form = []
    given(form, "PresetName", spec.preset)
    given(form, "FieldName", spec.name)
    given(form, "FieldType", spec.field_type)
    given(form, "FieldDefaultValue", spec.default_value)
    for index, option in enumerate(spec.options or (), start=1):
        form.append((f"OptionLabel[{index}]", option.label))
        form.append((f"OptionValue[{index}]", option.value))
        if option.selected:
            form.append(("OptionSelected[]", str(index)))
    given(form, "ValidationMethod", spec.validation_method)
    given(form, "ValidationRule", spec.validation_rule)
    given(form, "Visibility", spec.visibility)
    given(form, "IsRequired", spec.required, yes_no)
    given(form, "IsUnique", spec.unique, yes_no)
    given(form, "IsGlobal", spec.is_global, yes_no)
    given(form, "MergeTagAlias", spec.merge_tag_alias)
    return form


def responder_form(spec: ResponderSpec) -> Form:
    """The form of an auto responder's settings (``AutoResponder.Create``/``Update``)."""
    form: Form = []
    given(form, "EmailID", spec.email_id)
    given(form, "AutoResponderName", spec.name)
    given(form, "AutoResponderTriggerType", spec.trigger_type)
    given(form, "AutoResponderTriggerValue", spec.trigger_value)
    given(form, "TriggerTimeType", spec.time_type)
    given(form, "TriggerTime", spec.time_amount)
    return form


def template_form(values: TemplateValues) -> Form:
    """The form of a design template's values (``Email.Template.Create``/``Update``)."""
    form: Form = []
    given(form, "TemplateName", values.name)
    given(form, "TemplateDescription", values.description)
    given(form, "TemplateSubject", values.subject)
    given(form, "TemplateHTMLContent", values.html)
    given(form, "TemplatePlainContent", values.plain)
    given(form, "TemplateThumbnailPath", values.thumbnail_path)
    return form
