"""Vietnamese wording for synthetic programmes, tasks and reports, in the shape of the seeded programme.

Shared by the benchmarks (bench/reports.py, bench/generate.py); plain data, no Django.
"""

ACTIONS = [
    "Tổ chức",
    "Xây dựng",
    "Rà soát, bổ sung",
    "Triển khai",
    "Kiện toàn",
    "Tuyên truyền, phổ biến",
    "Kiểm tra, đôn đốc việc thực hiện",
    "Tập huấn, bồi dưỡng",
    "Đầu tư, mua sắm",
    "Hướng dẫn",
    "Sơ kết, đánh giá",
    "Phối hợp thực hiện",
    "Cập nhật, điều chỉnh",
]
OBJECTS = [
    "kế hoạch phòng thủ dân sự",
    "phương án ứng phó sự cố, thiên tai và tìm kiếm cứu nạn",
    "lực lượng phòng thủ dân sự chuyên trách, kiêm nhiệm",
    "quy chế phối hợp giữa các cơ quan, đơn vị",
    "diễn tập phòng thủ dân sự cấp xã, phường",
    "hệ thống cảnh báo sớm thiên tai và thông tin chỉ huy",
    "kiến thức phòng thủ dân sự cho cán bộ, công chức, viên chức",
    "công trình phòng thủ dân sự",
    "trang thiết bị cứu hộ, cứu nạn",
    "cơ sở dữ liệu về phòng thủ dân sự",
    "phương án sơ tán, di dời nhân dân khi có tình huống",
    "công tác phòng cháy, chữa cháy tại khu dân cư",
    "phương án phòng, chống dịch bệnh nguy hiểm ở người, động vật và cây trồng",
    "phương án bảo đảm an toàn hồ, đập và công trình thủy lợi trong mùa mưa bão",
]
SCOPES = [
    "trên địa bàn thành phố",
    "tại các xã, phường",
    "trong các cơ quan, đơn vị, doanh nghiệp",
    "ở các khu vực trọng điểm",
    "theo quy định của Luật Phòng thủ dân sự năm 2023",
    "cho giai đoạn 2025 - 2030",
    "theo chỉ đạo của Ủy ban nhân dân tỉnh",
]
EXTRAS = [
    "Bảo đảm sát với tình hình thực tế của địa phương và khả năng huy động nguồn lực.",
    "Lồng ghép với các chương trình, kế hoạch phát triển kinh tế - xã hội của thành phố.",
    "Ưu tiên các khu vực thường xuyên xảy ra ngập lụt, sạt lở đất, lũ quét.",
    "Kết quả thực hiện báo cáo về Ban Chỉ huy phòng thủ dân sự thành phố trước ngày 15 tháng 12 hằng năm.",
    "Huy động sự tham gia của các tổ chức chính trị - xã hội, doanh nghiệp và Nhân dân.",
    "Kinh phí thực hiện từ nguồn ngân sách nhà nước theo phân cấp và các nguồn hợp pháp khác.",
    "Chú trọng ứng dụng công nghệ thông tin, chuyển đổi số trong chỉ đạo, điều hành.",
]
DELIVERABLES = [
    "Kế hoạch của UBND thành phố",
    "Quyết định của Chủ tịch UBND thành phố",
    "Báo cáo kết quả thực hiện",
    "Phương án được cấp có thẩm quyền phê duyệt",
    "Hướng dẫn của Ban CHQS thành phố",
    "Công văn chỉ đạo",
    "Tài liệu tuyên truyền, tờ rơi, tin bài",
    "Báo cáo sơ kết, tổng kết",
    "",
]
RESULTS = [
    "Đã ban hành kế hoạch triển khai và phân công nhiệm vụ cụ thể cho các cơ quan, đơn vị.",
    "Đã tổ chức 02 lớp tập huấn cho 150 lượt cán bộ, công chức và lực lượng dân quân.",
    "Hoàn thành rà soát, đang tổng hợp ý kiến góp ý của các cơ quan liên quan để hoàn thiện dự thảo.",
    "Đã kiểm tra tại 8/12 xã, phường; các đơn vị còn lại kiểm tra xong trong tháng 12.",
    "Đã trình UBND thành phố phê duyệt phương án; dự kiến ban hành trong quý I năm 2026.",
    "Đang phối hợp với Phòng Tài chính - Kế hoạch thẩm định dự toán kinh phí mua sắm trang thiết bị.",
    "Đã đăng tải 12 tin, bài trên Cổng thông tin điện tử thành phố và hệ thống truyền thanh cơ sở.",
    "Tổ chức diễn tập thành công tại phường Phan Đình Phùng với sự tham gia của 320 người.",
]
DOCUMENT_KINDS = ["Kế hoạch", "Quyết định", "Báo cáo", "Công văn"]
SECTION_TOPICS = [
    "KIỆN TOÀN, HOÀN THIỆN CƠ CHẾ CHỈ ĐẠO, ĐIỀU HÀNH PHÒNG THỦ DÂN SỰ",
    "HOÀN THIỆN HỆ THỐNG VĂN BẢN, CƠ CHẾ, CHÍNH SÁCH VỀ PHÒNG THỦ DÂN SỰ",
    "THÔNG TIN TUYÊN TRUYỀN, NÂNG CAO NHẬN THỨC CHO CÁC LỰC LƯỢNG VÀ NHÂN DÂN",
    "XÂY DỰNG LỰC LƯỢNG PHÒNG THỦ DÂN SỰ",
    "RÀ SOÁT, ĐIỀU CHỈNH KẾ HOẠCH PHÒNG THỦ DÂN SỰ",
    "NGHIÊN CỨU, ỨNG DỤNG KHOA HỌC VÀ CÔNG NGHỆ VÀO HOẠT ĐỘNG PHÒNG THỦ DÂN SỰ",
    "THỰC HIỆN CÁC ĐỀ ÁN NÂNG CAO NĂNG LỰC PHÒNG THỦ DÂN SỰ",
    "HUẤN LUYỆN, DIỄN TẬP PHÒNG THỦ DÂN SỰ",
    "PHỐI HỢP, HỢP TÁC VỀ PHÒNG THỦ DÂN SỰ",
    "BẢO ĐẢM NGUỒN LỰC, KINH PHÍ CHO PHÒNG THỦ DÂN SỰ",
    "PHÒNG, CHỐNG THIÊN TAI VÀ TÌM KIẾM CỨU NẠN",
    "PHÒNG, CHỐNG DỊCH BỆNH VÀ SỰ CỐ MÔI TRƯỜNG",
    "BẢO ĐẢM AN TOÀN CÔNG TRÌNH, HẠ TẦNG THIẾT YẾU",
    "KIỂM TRA, GIÁM SÁT VIỆC THỰC HIỆN",
    "SƠ KẾT, TỔNG KẾT VÀ KHEN THƯỞNG",
]


def roman(number):
    values = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    text = ""
    for value, letters in values:
        while number >= value:
            text, number = text + letters, number - value
    return text
