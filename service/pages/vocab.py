"""Labels (Vietnamese and English) of the standard-vocabulary terms the graph uses, and the group each
property is shown in on an entity page.

The English labels are the vocabularies' own ``rdfs:label``/``skos:prefLabel`` (ELI, W3C ORG, PROV-O,
SKOS, DCMI Terms, Web Annotation, OWL-Time, RDF/RDFS/OWL, SHACL, Data Cube, P-Plan); the Vietnamese
ones are translations made for this service. The ontology's own terms (``vnp:``) carry both labels in
``graph/ontology`` and are read from the graph, not from here.
"""

from __future__ import annotations

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
ELI = "http://data.europa.eu/eli/ontology#"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
TIME = "http://www.w3.org/2006/time#"
SH = "http://www.w3.org/ns/shacl#"
QB = "http://purl.org/linked-data/cube#"
PPLAN = "http://purl.org/net/p-plan#"
VNP = "https://w3id.org/vnge/ontology#"

#: prefix shown for a term of a vocabulary that has no label here or in the graph
PREFIXES = {RDF: "rdf", RDFS: "rdfs", OWL: "owl", SKOS: "skos", DCT: "dcterms", ELI: "eli", ORG: "org",
            PROV: "prov", OA: "oa", TIME: "time", SH: "sh", QB: "qb", PPLAN: "p-plan", VNP: "vnp",
            "http://www.w3.org/2001/XMLSchema#": "xsd", "http://purl.org/vocab/vann/": "vann"}

# prefix:name | Vietnamese | English (the vocabulary's own label)
_TABLE = """
rdf:type | loại | type
rdf:first | phần tử đầu | first
rdf:rest | phần còn lại | rest
rdfs:label | nhãn | label
rdfs:comment | ghi chú | comment
rdfs:seeAlso | xem thêm | see also
rdfs:isDefinedBy | được định nghĩa bởi | is defined by
rdfs:domain | miền | domain
rdfs:range | miền giá trị | range
rdfs:subClassOf | lớp con của | subclass of
rdfs:subPropertyOf | thuộc tính con của | subproperty of
rdfs:Datatype | kiểu dữ liệu | Datatype
owl:sameAs | trùng với | same as
owl:inverseOf | nghịch đảo của | inverse of
owl:versionInfo | thông tin phiên bản | version info
owl:versionIRI | IRI phiên bản | version IRI
owl:priorVersion | phiên bản trước | prior version
owl:disjointWith | tách biệt với | disjoint with
owl:unionOf | hợp của | union of
owl:Class | lớp | Class
owl:ObjectProperty | thuộc tính đối tượng | Object Property
owl:DatatypeProperty | thuộc tính dữ liệu | Datatype Property
owl:Ontology | bản thể học | Ontology
owl:FunctionalProperty | thuộc tính hàm | Functional Property
skos:prefLabel | nhãn chính | preferred label
skos:altLabel | tên khác | alternative label
skos:hiddenLabel | nhãn ẩn | hidden label
skos:notation | ký hiệu | notation
skos:definition | định nghĩa | definition
skos:editorialNote | ghi chú biên tập | editorial note
skos:scopeNote | ghi chú phạm vi | scope note
skos:broader | rộng hơn | has broader
skos:narrower | hẹp hơn | has narrower
skos:inScheme | thuộc bộ khái niệm | is in scheme
skos:topConceptOf | khái niệm gốc của | is top concept in scheme
skos:hasTopConcept | có khái niệm gốc | has top concept
skos:exactMatch | tương đương | has exact match
skos:closeMatch | gần tương đương | has close match
skos:relatedMatch | liên quan | has related match
skos:Concept | khái niệm | Concept
skos:ConceptScheme | bộ khái niệm | Concept Scheme
dcterms:title | tiêu đề | Title
dcterms:description | mô tả | Description
dcterms:source | nguồn | Source
dcterms:creator | tác giả | Creator
dcterms:license | giấy phép | License
dcterms:identifier | mã định danh | Identifier
dcterms:issued | ngày ban hành | Date Issued
dcterms:modified | ngày sửa đổi | Date Modified
dcterms:created | ngày tạo | Date Created
dcterms:hasPart | có phần | Has Part
dcterms:isPartOf | là phần của | Is Part Of
dcterms:requires | cần đến | Requires
dcterms:replaces | thay thế | Replaces
dcterms:isReplacedBy | được thay thế bởi | Is Replaced By
dcterms:subject | chủ đề | Subject
dcterms:publisher | nhà xuất bản | Publisher
eli:title | tên văn bản | title
eli:number | số hiệu | number
eli:date_document | ngày ban hành | date of document
eli:first_date_entry_in_force | ngày có hiệu lực | first date of entry into force
eli:date_no_longer_in_force | ngày hết hiệu lực | date no longer in force
eli:cites | trích dẫn | cites
eli:based_on | căn cứ | based on
eli:ensures_implementation_of | bảo đảm thực hiện | ensures implementation of
eli:is_part_of | là phần của | is part of
eli:has_part | gồm phần | has part
eli:jurisdiction | địa bàn áp dụng | jurisdiction
eli:passed_by | cơ quan thông qua | passed by
eli:type_document | loại văn bản | type of document
eli:repeals | bãi bỏ | repeals
eli:id_local | mã nội bộ | local identifier
eli:in_force | tình trạng hiệu lực | in force
eli:LegalResource | văn bản pháp luật | Legal resource
eli:LegalResourceSubdivision | phần của văn bản | Legal resource subdivision
org:classification | phân loại | classification
org:hasSubOrganization | có tổ chức trực thuộc | subOrganization
org:subOrganizationOf | trực thuộc | subOrganization of
org:originalOrganization | tổ chức trước thay đổi | original organization
org:resultingOrganization | tổ chức sau thay đổi | resulting organization
org:resultedFrom | hình thành từ | resulted from
org:changedBy | thay đổi bởi | changed by
org:Organization | tổ chức | Organization
org:FormalOrganization | tổ chức chính thức | Formal Organization
org:ChangeEvent | sự kiện thay đổi | Change Event
prov:wasDerivedFrom | trích xuất từ | was derived from
prov:wasGeneratedBy | được tạo bởi | was generated by
prov:wasAssociatedWith | gắn với | was associated with
prov:used | đã dùng | used
prov:wasAttributedTo | thuộc về | was attributed to
prov:generatedAtTime | thời điểm tạo | generated at time
prov:startedAtTime | bắt đầu lúc | started at time
prov:endedAtTime | kết thúc lúc | ended at time
prov:Entity | thực thể | Entity
prov:Activity | hoạt động | Activity
prov:Agent | tác nhân | Agent
prov:Plan | kế hoạch | Plan
prov:Person | người | Person
prov:SoftwareAgent | phần mềm | Software Agent
prov:Location | địa điểm | Location
oa:hasBody | nội dung chú thích | has body
oa:hasTarget | đích chú thích | has target
oa:hasSource | nguồn | has source
oa:hasSelector | bộ chọn | has selector
oa:exact | đoạn trích nguyên văn | exact
oa:prefix | phần trước | prefix
oa:suffix | phần sau | suffix
oa:start | vị trí đầu | start
oa:end | vị trí cuối | end
oa:motivatedBy | mục đích | motivated by
oa:Annotation | chú thích | Annotation
oa:SpecificResource | tài nguyên cụ thể | Specific Resource
oa:TextQuoteSelector | bộ chọn trích dẫn | Text Quote Selector
oa:TextPositionSelector | bộ chọn vị trí | Text Position Selector
oa:Selector | bộ chọn | Selector
time:hasBeginning | bắt đầu | has beginning
time:hasEnd | kết thúc | has end
time:inXSDDate | vào ngày | in XSD date
time:inXSDgYear | vào năm | in XSD g-Year
time:Instant | thời điểm | Time instant
time:Interval | khoảng thời gian | Time interval
sh:focusNode | đối tượng được kiểm tra | focus node
sh:resultMessage | thông báo | result message
sh:resultSeverity | mức độ | result severity
sh:resultPath | thuộc tính | result path
sh:sourceShape | quy tắc | source shape
sh:value | giá trị | value
sh:sourceConstraintComponent | thành phần ràng buộc | source constraint component
sh:result | kết quả | result
sh:conforms | đạt yêu cầu | conforms
sh:ValidationResult | kết quả kiểm tra | Validation result
sh:ValidationReport | báo cáo kiểm tra | Validation report
sh:NodeShape | hình dạng nút | Node shape
sh:SPARQLConstraint | ràng buộc SPARQL | SPARQL constraint
sh:class | lớp yêu cầu | class
sh:datatype | kiểu dữ liệu yêu cầu | datatype
sh:declare | khai báo tiền tố | declare
sh:hasValue | phải có giá trị | has value
sh:inversePath | đường đi ngược | inverse path
sh:lessThanOrEquals | không lớn hơn | less than or equals
sh:maxCount | số giá trị tối đa | max count
sh:maxInclusive | giá trị tối đa | max inclusive
sh:message | thông báo của quy tắc | message
sh:minCount | số giá trị tối thiểu | min count
sh:minInclusive | giá trị tối thiểu | min inclusive
sh:namespace | không gian tên | namespace
sh:node | hình dạng của giá trị | node
sh:nodeKind | loại nút | node kind
sh:or | một trong các điều kiện | or
sh:path | đường đi | path
sh:prefix | tiền tố | prefix
sh:prefixes | các tiền tố | prefixes
sh:property | ràng buộc thuộc tính | property
sh:select | truy vấn SELECT | select
sh:severity | mức độ của quy tắc | severity
sh:sparql | có ràng buộc SPARQL | sparql
sh:targetClass | lớp đích | target class
sh:targetSubjectsOf | đích là chủ thể của | target subjects of
qb:attribute | thuộc tính | attribute
qb:codeList | danh mục mã | code list
qb:component | thành phần | component specification
qb:componentRequired | thành phần bắt buộc | component required
qb:dimension | chiều | dimension
qb:measure | số đo | measure
qb:order | thứ tự | order
owl:distinctMembers | các thành viên khác nhau | distinct members
owl:maxCardinality | số lượng tối đa | max cardinality
owl:members | thành viên | members
owl:onProperty | trên thuộc tính | on property
vann:preferredNamespacePrefix | tiền tố không gian tên | preferred namespace prefix
vann:preferredNamespaceUri | URI không gian tên | preferred namespace URI
qb:dataSet | bộ dữ liệu | data set
qb:structure | cấu trúc | structure
qb:DataSet | bộ dữ liệu | Data set
qb:Observation | quan sát | Observation
p-plan:isStepOfPlan | là bước của kế hoạch | isStepOfPlan
p-plan:Plan | kế hoạch | Plan
p-plan:Step | bước | Step
"""
_NAMESPACES = {prefix: ns for ns, prefix in PREFIXES.items()}


def _parse(table: str) -> dict[str, tuple[str, str]]:
    out = {}
    for line in table.strip().splitlines():
        curie, vi, en = (part.strip() for part in line.split("|"))
        prefix, _, name = curie.partition(":")
        out[_NAMESPACES[prefix] + name] = (vi, en)
    return out


#: IRI → (vi, en)
LABELS: dict[str, tuple[str, str]] = _parse(_TABLE)

IDENTITY = "identity"
LEGAL = "legal"
PROVENANCE = "provenance"
OTHER = "other"
GROUPS = (IDENTITY, LEGAL, PROVENANCE, OTHER)
GROUP_TITLES = {IDENTITY: "Định danh · Identity", LEGAL: "Pháp lý · Legal",
                PROVENANCE: "Nguồn gốc · Provenance", OTHER: "Nội dung khác · Other facts"}

_IDENTITY = {RDFS + "label", SKOS + "prefLabel", SKOS + "altLabel", SKOS + "hiddenLabel", SKOS + "notation",
             DCT + "title", ELI + "title", ELI + "number", DCT + "identifier", ELI + "id_local",
             RDFS + "comment", SKOS + "definition", DCT + "description", VNP + "placeName",
             VNP + "sourceSpelling", VNP + "documentType", ELI + "type_document", VNP + "unitType"}
_LEGAL_VNP = {"implements", "approves", "cites", "hasCitation", "citedDocument", "citedSubdivision",
              "citationKind", "hasLegalBasis", "issuedBy", "signedBy", "signatoryTitle", "issuedYear",
              "issuedMonth", "datePrecision", "inForce", "replacedBy", "replaces", "repeals", "effectiveDate",
              "jurisdiction", "isPartOf", "articleNumber", "clauseNumber", "distributedTo", "recipientText",
              "succeeds", "succeededBy", "validFrom", "validUntil", "parentUnit", "level", "scopeUnit"}
_PROVENANCE_VNP = {"fileName", "sha256", "mediaType", "softwareVersion", "evidence", "extractionFlag",
                   "verificationNote", "auditedPlan"}
_PROVENANCE_NS = (PROV, OA, SH)


def group_of(prop: str) -> str:
    """The group a property is shown in: identity, legal, provenance or other."""
    if prop in _IDENTITY:
        return IDENTITY
    if prop.startswith((ELI, ORG, TIME)) or prop in (DCT + "replaces", DCT + "isReplacedBy"):
        return LEGAL
    if prop.startswith(_PROVENANCE_NS) or prop in (DCT + "source", DCT + "creator", DCT + "license"):
        return PROVENANCE
    if prop.startswith(VNP):
        name = prop[len(VNP):]
        if name in _LEGAL_VNP:
            return LEGAL
        if name in _PROVENANCE_VNP:
            return PROVENANCE
    return OTHER


def short_name(iri: str) -> str:
    """``eli:date_document`` for a term of a known vocabulary, else the IRI's last segment."""
    for ns, prefix in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    tail = iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return tail or iri
